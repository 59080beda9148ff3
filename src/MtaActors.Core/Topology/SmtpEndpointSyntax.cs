using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MtaActors.Core.Topology;

/// <summary>
/// Reads <c>HOST:PORT</c> as written in a topology's <c>remote.smtp</c> and in <c>--relay-host</c>: a host name or IPv4
/// address, or an IPv6 address in brackets (<c>[::1]:25</c>), and a port from 1 to 65535.
/// </summary>
public static class SmtpEndpointSyntax
{
    public const string Expected = "expected HOST:PORT (such as smtp.example.com:25 or [::1]:2525)";

    public static bool TryParse(string? text, [NotNullWhen(true)] out string? host, out int port)
    {
        host = null;
        port = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            return false;
        }

        var name = value[..colon];
        if (name.StartsWith('['))
        {
            if (!name.EndsWith(']') || name.Length < 3)
            {
                return false;
            }

            name = name[1..^1];
        }
        else if (name.Contains(':', StringComparison.Ordinal) || name.Contains(' ', StringComparison.Ordinal))
        {
            return false; // a bare IPv6 address is ambiguous with its port
        }

        if (!int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = name;
        return true;
    }
}
