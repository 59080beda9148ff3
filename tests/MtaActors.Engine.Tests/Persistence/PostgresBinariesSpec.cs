using MtaActors.Tests.Common;
using MtaActors.Tests.Common.Postgres;

namespace MtaActors.Engine.Tests.Persistence;

public sealed class PostgresBinariesSpec : IDisposable
{
    private readonly TempDirectory _root = new("mta-pg-bin");

    private void Install(string version, params string[] tools)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root.Path, version, "bin"));
        foreach (var tool in tools)
        {
            File.WriteAllText(Path.Combine(bin.FullName, tool), "");
        }
    }

    [Fact]
    public void Highest_installed_version_wins_numerically()
    {
        Install("9.6", "initdb", "pg_ctl");
        Install("15", "initdb", "pg_ctl");
        Install("16", "initdb", "pg_ctl");

        Assert.Equal(Path.Combine(_root.Path, "16", "bin"), PostgresBinaries.Find(_root.Path));
    }

    [Fact]
    public void A_version_without_the_server_tools_is_passed_over()
    {
        Install("15", "initdb", "pg_ctl");
        Install("17", "psql"); // client only: postgresql-client without the server

        Assert.Equal(Path.Combine(_root.Path, "15", "bin"), PostgresBinaries.Find(_root.Path));
    }

    [Fact]
    public void Missing_binaries_fail_with_how_to_install_them()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresBinaries.Require(Path.Combine(_root.Path, "nothing-here")));

        Assert.Contains("apt-get install -y postgresql", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();
}
