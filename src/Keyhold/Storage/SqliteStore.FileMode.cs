namespace Keyhold.Storage;

// The store file and its -wal and -shm kept readable by the owner alone.
public sealed partial class SqliteStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The store holds password hashes, wrapped keys and the audit, so it is 0600 wherever it lives (also outside the
    /// 0700 data folder, with Keyhold:StorePath). SQLite gives its -wal and -shm files the database file's mode.
    /// </summary>
    private static void KeepPrivate(string path)
    {
        if (OperatingSystem.IsWindows() || path == ":memory:" || path.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }
        try
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        }
        catch (IOException) when (File.Exists(path))
        {
            // An existing store (or another node on this host that just made it): tighten what is there.
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) & OwnerOnly);
            }
        }
    }
}
