using System.Globalization;

namespace MtaActors.Tests.Common.Postgres;

/// <summary>
/// Finds the PostgreSQL server binaries the Debian <c>postgresql</c> package installs under
/// <c>/usr/lib/postgresql/VERSION/bin</c>, preferring the highest version so an upgrade of the package needs no code change.
/// </summary>
public static class PostgresBinaries
{
    public const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>The bin folder of the newest installed version that has both initdb and pg_ctl, or null when none has.</summary>
    public static string? Find(string root = DebianRoot)
    {
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.EnumerateDirectories(root)
            .Select(version => (Version: ParseVersion(Path.GetFileName(version)), Bin: Path.Combine(version, "bin")))
            .Where(c => c.Version is not null && File.Exists(Path.Combine(c.Bin, "initdb")) && File.Exists(Path.Combine(c.Bin, "pg_ctl")))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Bin)
            .FirstOrDefault();
    }

    /// <summary>Like <see cref="Find"/>, but says how to install the package when nothing is there: tests need a real server.</summary>
    public static string Require(string root = DebianRoot)
        => Find(root) ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, pg_ctl) not found under {root}/*/bin. Tests run against a real throwaway server: " +
            "install it with `apt-get install -y postgresql` (as root; .ci/run does this when they are missing).");

    // Debian folders are "15", "16"...; older releases used "9.6".
    private static Version? ParseVersion(string name)
        => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? new Version(major, 0)
            : Version.TryParse(name, out var version) ? version
            : null;
}
