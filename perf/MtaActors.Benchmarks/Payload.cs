namespace MtaActors.Benchmarks;

/// <summary>Message bodies of the sizes the targets speak of.</summary>
internal static class Payload
{
    public static readonly string OneKibibyte = new('x', 1024);
}
