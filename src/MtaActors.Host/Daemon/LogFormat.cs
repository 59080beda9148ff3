namespace MtaActors.Host.Daemon;

/// <summary>How the daemon writes its log to the console: readable lines, or one JSON object per event for collectors.</summary>
public enum LogFormat
{
    Text = 0,
    Json = 1,
}
