namespace MtaActors.Host.Commands;

/// <summary>The exit codes every <c>mta</c> command keeps to (an outside contract: scripts and checks rely on them).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The operation failed, the daemon was unreachable or answered an error, or a check found a problem.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage: the command line or the daemon's settings/topology could not be used.</summary>
    public const int BadUsage = 2;
}
