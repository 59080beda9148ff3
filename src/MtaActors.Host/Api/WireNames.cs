using MtaActors.Core.Messages;

namespace MtaActors.Host.Api;

/// <summary>
/// The kebab-case names priorities and classes have on the wire (API bodies and CLI options), e.g.
/// <c>non-urgent</c> and <c>directory-replication</c>. Parsing is case-insensitive and also takes the
/// enum names (<c>NonUrgent</c>), so scripts written either way work.
/// </summary>
public static class WireNames
{
    public const string PriorityChoices = "urgent, normal or non-urgent";

    public const string ClassChoices = "ipm, report, directory-replication, public-folder-replication or link-monitor";

    public static string Of(Priority priority) => priority switch
    {
        Priority.Urgent => "urgent",
        Priority.NonUrgent => "non-urgent",
        _ => "normal",
    };

    public static string Of(MessageClass messageClass) => messageClass switch
    {
        MessageClass.Report => "report",
        MessageClass.DirectoryReplication => "directory-replication",
        MessageClass.PublicFolderReplication => "public-folder-replication",
        MessageClass.LinkMonitor => "link-monitor",
        _ => "ipm",
    };

    public static bool TryParsePriority(string? text, out Priority priority)
        => TryParse(text, out priority);

    public static bool TryParseClass(string? text, out MessageClass messageClass)
        => TryParse(text, out messageClass);

    private static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || char.IsDigit(text.Trim()[0]))
        {
            // Enum.TryParse takes numbers too; "1" is not a name anybody means.
            return false;
        }

        return Enum.TryParse(text.Replace("-", "", StringComparison.Ordinal).Trim(), ignoreCase: true, out value)
            && Enum.IsDefined(value);
    }
}
