namespace MtaActors.Core.Messages;

/// <summary>
/// What a message is for. Interpersonal mail and reports are user traffic; the three system classes
/// are the ones <c>mtacheck /rd /rp /rl</c> removed from a backlog (Q271905).
/// </summary>
public enum MessageClass
{
    Ipm = 0,
    Report = 1,
    DirectoryReplication = 2,
    PublicFolderReplication = 3,
    LinkMonitor = 4,
}
