using System.Text.Json;

namespace MtaActors.Core.Json;

/// <summary>
/// A converter's complaint about one JSON value, in words fit for an operator (<c>expected a string</c>). It is a
/// <see cref="JsonException"/> so System.Text.Json stamps the value's path on it on the way out; <see cref="JsonInput"/>
/// then writes <c>path: problem (got kind)</c>.
/// </summary>
public sealed class JsonFieldException : JsonException
{
    /// <param name="problem">What was expected, e.g. <c>expected a whole number</c>.</param>
    /// <param name="got">The token found instead, when the problem is its type.</param>
    /// <param name="field">A property of the value being read that the problem is about (a converter reading a whole
    /// object names the member it objects to); null for the value itself.</param>
    public JsonFieldException(string problem, JsonTokenType got = JsonTokenType.None, string? field = null)
        : base(problem)
    {
        Problem = problem;
        Got = got;
        Field = field;
    }

    public JsonFieldException()
        : this("invalid value")
    {
    }

    public JsonFieldException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    /// <summary>What was expected, e.g. <c>expected a whole number</c>.</summary>
    public string Problem { get; }

    /// <summary>The token that was found instead, or <see cref="JsonTokenType.None"/> when that does not matter.</summary>
    public JsonTokenType Got { get; }

    /// <summary>The property of the value at the path that the problem is about, or null for the value itself.</summary>
    public string? Field { get; }
}
