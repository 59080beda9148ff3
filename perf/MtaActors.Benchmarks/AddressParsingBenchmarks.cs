using BenchmarkDotNet.Attributes;
using MtaActors.Core.Addressing;

namespace MtaActors.Benchmarks;

/// <summary>Parsing and canonicalising one address of each family the router accepts.</summary>
public class AddressParsingBenchmarks
{
    [Params(
        "jsmith@london.contoso.com",
        "c=US;a= ;p=CONTOSO;o=NEWYORK;s=Smith;g=John",
        "/O=CONTOSO/OU=LONDON/CN=RECIPIENTS/CN=JSMITH")]
    public string Text { get; set; } = "";

    [Benchmark]
    public Address Parse() => Address.Parse(Text);
}
