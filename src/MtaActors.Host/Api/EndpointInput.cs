using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;

namespace MtaActors.Host.Api;

/// <summary>
/// What one endpoint reads from a request besides its route: the query parameters it knows and whether it reads a
/// body. Declared where the endpoint is mapped (<see cref="EndpointInputExtensions.Takes"/>) and enforced once, for
/// every endpoint, by <see cref="EndpointInputCheck"/>: a parameter or a body the endpoint would not read is a 400, so a
/// typo (<c>?knd=latency</c>) never widens what a call does.
/// </summary>
public sealed record EndpointInput(ImmutableArray<string> Query, bool Body)
{
    /// <summary>An endpoint that reads neither query nor body: what every endpoint is unless it says otherwise.</summary>
    public static readonly EndpointInput Nothing = new([], false);
}

/// <summary>Declares an endpoint's <see cref="EndpointInput"/> at its mapping.</summary>
public static class EndpointInputExtensions
{
    /// <summary>The endpoint reads these query parameters and, when <paramref name="body"/>, a JSON body.</summary>
    public static TBuilder Takes<TBuilder>(this TBuilder builder, bool body = false, params string[] query)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new EndpointInput([.. query], body));
}
