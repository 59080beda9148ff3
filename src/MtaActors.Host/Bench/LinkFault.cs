using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;
using MtaActors.Engine.Faults;

namespace MtaActors.Host.Bench;

/// <summary>
/// A fault to set on one link for a benchmark run: <c>LINK:KIND</c>, with the kind's parameters after commas
/// (<c>x400-2:latency,latencyMs=200,jitterMs=50</c>); kinds and parameters as in docs/faults.md. The link
/// <c>*</c> stands for every link that carries load (<c>*:down</c> fills every queue: the scale run).
/// </summary>
internal sealed record LinkFault(string Link, FaultSpec Spec, string Text)
{
    public const string EveryLink = "*";

    public bool IsEveryLink => Link == EveryLink;

    /// <summary>The faults as set: <c>*</c> expanded to one per link in <paramref name="links"/>, each keeping the text it was given as.</summary>
    public static IReadOnlyList<LinkFault> Expand(IReadOnlyList<LinkFault> faults, IEnumerable<string> links)
    {
        var names = links.ToList();
        return [.. faults.SelectMany(f => f.IsEveryLink ? names.Select(link => f with { Link = link }) : [f])];
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out LinkFault? fault, [NotNullWhen(false)] out string? error)
    {
        fault = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"expected LINK:KIND such as x400-1:hang (got '{text}')";
            return false;
        }

        var parts = text[(colon + 1)..].Split(',');
        var json = new JsonObject { ["kind"] = parts[0] };
        foreach (var parameter in parts.Skip(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !double.TryParse(parameter[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                error = $"expected a parameter NAME=NUMBER such as latencyMs=200 (got '{parameter}')";
                return false;
            }

            json[parameter[..equals]] = value;
        }

        if (!FaultSpecJson.TryParse(json.ToJsonString(), out var spec, out var specError))
        {
            error = specError;
            return false;
        }

        fault = new LinkFault(text[..colon], spec, text);
        error = null;
        return true;
    }
}
