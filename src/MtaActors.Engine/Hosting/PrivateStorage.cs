using System.Globalization;

namespace MtaActors.Engine.Hosting;

/// <summary>
/// The data folder holds message bodies (the journal) and who wrote to whom (the delivery and tracking logs), so, like
/// Postfix's queue, it is private to the account the daemon runs as: on Unix every folder created there is 0700 and
/// every file 0600, whatever the umask. A folder that already exists keeps its mode (the operator may have reasons);
/// <see cref="LooseModeOf"/> lets the daemon warn about one that others can read. On Windows files inherit the folder's ACL.
/// </summary>
public static class PrivateStorage
{
    /// <summary>rwx------.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw-------.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Sets <paramref name="options"/> to create its file owner-only (<see cref="FileMode"/>); unchanged on Windows, which has no such mode.</summary>
    public static FileStreamOptions OwnerOnly(FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>Creates <paramref name="path"/> and any missing parent, each new one owner-only; an existing folder is left as it is.</summary>
    public static DirectoryInfo CreateFolder(string path)
        => OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, FolderMode);

    /// <summary>
    /// Creates <paramref name="path"/> empty and owner-only when it does not exist: for a file another library creates
    /// with its own mode. SQLite makes a new database 0644 and its -wal, -shm and -journal files with the database's mode,
    /// so a database file created here first keeps all four private.
    /// </summary>
    public static void CreateFileIfMissing(string path)
    {
        try
        {
            using var _ = new FileStream(path, OwnerOnly(new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write }));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Already there (perhaps created a moment ago by someone else): its mode is its own.
        }
        catch (DirectoryNotFoundException)
        {
            // No folder to create it in: whoever opens the file next reports that, in its own words.
        }
    }

    /// <summary>Makes a file another library created (with its own mode) owner-only; nothing on Windows.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>The octal mode of a folder that its group or others can use (e.g. <c>755</c>), or null when it is private (or on Windows).</summary>
    public static string? LooseModeOf(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(folder);
        return (mode & GroupOrOther) == 0 ? null : Convert.ToString((int)mode & 0x1FF, 8).ToString(CultureInfo.InvariantCulture);
    }
}
