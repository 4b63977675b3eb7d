namespace Keyhold.Storage;

/// <summary>Opens the store the options name: the one place where SQLite or PostgreSQL is chosen.</summary>
public static class StoreFactory
{
    public static IStore Create(StoreOptions options, StoreMetrics? metrics = null)
    {
        if (options.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        if (options.Store == StoreOptions.Postgres)
        {
            return new PostgresStore(options.ConnectionString!, metrics);
        }
        EnsureFolder(Path.GetDirectoryName(Path.GetFullPath(options.SqlitePath))!);
        return new SqliteStore(options.SqlitePath, metrics);
    }

    /// <summary>The data folder holds the node's private key too: a new one is made for its owner only.</summary>
    private static void EnsureFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
