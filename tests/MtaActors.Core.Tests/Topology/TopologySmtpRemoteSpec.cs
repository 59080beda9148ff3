using MtaActors.Core.Topology;
using static MtaActors.Core.Tests.Topology.TopologyJson;

namespace MtaActors.Core.Tests.Topology;

/// <summary>A link's <c>remote.smtp</c> and <c>remote.connections</c>: a real SMTP far end instead of a simulated site.</summary>
public sealed class TopologySmtpRemoteSpec
{
    [Fact]
    public void A_link_without_smtp_keeps_its_simulated_site()
    {
        Assert.All(Load(Minimal()).Links, link => Assert.Null(link.Smtp));
    }

    [Fact]
    public void Smtp_remote_reads_host_port_and_connections()
    {
        var json = Minimal().Set("links[1].remote.smtp", "smtp.example.com:2525").Set("links[1].remote.connections", 8);

        var link = Load(json).Links[1];

        Assert.Equal(new SmtpRelay("smtp.example.com", 2525, 8), link.Smtp);
    }

    [Fact]
    public void Connections_default_and_ipv6_in_brackets()
    {
        var json = Minimal().Set("links[1].remote.smtp", "[::1]:25");

        Assert.Equal(new SmtpRelay("::1", 25, SmtpRelay.DefaultConnections), Load(json).Links[1].Smtp);
    }

    [Fact]
    public void Smtp_remote_needs_no_site_and_is_then_named_after_the_link()
    {
        var json = Minimal().Without("links[1].remote.site").Set("links[1].remote.smtp", "127.0.0.1:25");

        Assert.Equal("imc-internet", Load(json).Links[1].Remote.Name);
    }

    [Theory]
    [InlineData("smtp.example.com")]
    [InlineData("smtp.example.com:0")]
    [InlineData("smtp.example.com:65536")]
    [InlineData("::1:25")]
    [InlineData(":25")]
    [InlineData("smtp.example.com:port")]
    public void Bad_smtp_endpoint_names_the_field(string value)
    {
        var json = Minimal().Set("links[1].remote.smtp", value);

        Assert.Equal($"{Source}: links[1].remote.smtp: {SmtpEndpointSyntax.Expected} (got '{value}')", Error(json));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Connections_out_of_range_names_the_field(int connections)
    {
        var json = Minimal().Set("links[1].remote.smtp", "127.0.0.1:25").Set("links[1].remote.connections", connections);

        Assert.Equal($"{Source}: links[1].remote.connections: must be between 1 and 100 (got {connections})", Error(json));
    }

    [Fact]
    public void Connections_without_smtp_is_refused()
    {
        var json = Minimal().Set("links[1].remote.connections", 3);

        Assert.Equal($"{Source}: links[1].remote.connections: applies only with remote.smtp", Error(json));
    }
}
