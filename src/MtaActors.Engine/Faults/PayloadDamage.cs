namespace MtaActors.Engine.Faults;

/// <summary>
/// Damages message text the way a bad line does: one character changes. Flipping the low bit of an ASCII
/// character changes exactly one UTF-8 byte, which always changes the FNV-1a content checksum.
/// </summary>
internal static class PayloadDamage
{
    public static string Damage(string body)
    {
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] < 0x80)
            {
                return string.Create(body.Length, (body, i), static (span, state) =>
                {
                    state.body.AsSpan().CopyTo(span);
                    span[state.i] = (char)(span[state.i] ^ 1);
                });
            }
        }

        // No ASCII to flip (or an empty body): a stray byte appended on the line.
        return body + "\u0001";
    }
}
