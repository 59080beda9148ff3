using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MtaActors.Core.Messages;

/// <summary>
/// CRC-32C (Castagnoli) over the message id, subject and body, as UTF-16LE code units with a line feed between the
/// three. Not cryptographic: it only has to notice a payload damaged in transit (the <c>corrupt</c> fault), the way a
/// transport checksum does, and CRC-32C is the one storage and network stacks use for that.
/// </summary>
/// <remarks>
/// It is computed for every message accepted and again at every delivery, so it sits on the hot path: an earlier
/// byte-at-a-time FNV-1a over the UTF-8 form took ~9 % of the in-memory benchmark's CPU (perf, session 3).
/// <see cref="BitOperations.Crc32C(uint, ulong)"/> uses the processor's CRC instruction (SSE 4.2, ARMv8) and takes
/// eight bytes a step, without transcoding.
/// </remarks>
public static class ContentChecksum
{
    private const uint Seed = 0xFFFFFFFF;

    public static uint Compute(string id, string subject, string body)
    {
        var crc = Seed;
        crc = Mix(crc, id);
        crc = Mix(crc, "\n");
        crc = Mix(crc, subject);
        crc = Mix(crc, "\n");
        return ~Mix(crc, body);
    }

    public static uint Compute(Message message) => Compute(message.Id, message.Subject, message.Body);

    // Fully optimized from the first call: a loop this hot otherwise runs for seconds in tier-0 and instrumented code
    // before tiered compilation gets to it (perf, session 4: 6 % of the in-memory benchmark in those tiers).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint Mix(uint crc, string text)
    {
        // UTF-16LE: the code units as they lie in memory on every platform .NET runs on (all little-endian).
        var bytes = MemoryMarshal.AsBytes(text.AsSpan());
        while (bytes.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, MemoryMarshal.Read<ulong>(bytes));
            bytes = bytes[sizeof(ulong)..];
        }

        foreach (var b in bytes)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }
}
