namespace MtaActors.Engine.Faults;

/// <summary>Argument checks shared by the fault records, so a fault built in code obeys the same limits as one parsed from JSON.</summary>
internal static class FaultGuard
{
    public static double Rate(double rate, string name)
        => rate is >= 0 and <= 1 ? rate : throw new ArgumentOutOfRangeException(name, rate, "must be between 0 and 1");

    public static TimeSpan NotNegative(TimeSpan value, string name)
        => value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "must not be negative");

    public static TimeSpan Positive(TimeSpan value, string name)
        => value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "must be positive");

    public static long Positive(long value, string name)
        => value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "must be positive");
}
