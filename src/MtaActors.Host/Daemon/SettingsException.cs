namespace MtaActors.Host.Daemon;

/// <summary>A settings file that cannot be used; the message is one line naming the file and the field.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(string message) : base(message) { }

    public SettingsException(string message, Exception inner) : base(message, inner) { }
}
