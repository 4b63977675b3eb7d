namespace Keyhold.Storage;

/// <summary>Which store a node uses, bound from the "Keyhold" section (Keyhold__Store, Keyhold__ConnectionString, ...).</summary>
public sealed class StoreOptions
{
    public const string Section = "Keyhold";

    public const string Sqlite = "sqlite", Postgres = "postgres";

    /// <summary>sqlite (default) or postgres.</summary>
    public string Store { get; set; } = Sqlite;

    /// <summary>The PostgreSQL connection string; required for the postgres store.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The SQLite file; by default keyhold.db in the data folder. Several nodes on one host may share one
    /// file (each with its own data folder) to form one cluster.
    /// </summary>
    public string? StorePath { get; set; }

    /// <summary>The node's data folder, home of the default SQLite file.</summary>
    public string DataDir { get; set; } = "data";

    public string SqlitePath => StorePath ?? Path.Combine(DataDir, "keyhold.db");

    /// <summary>Why these options cannot open a store, or null when they can.</summary>
    public string? Problem() => Store switch
    {
        Sqlite => null,
        Postgres when string.IsNullOrWhiteSpace(ConnectionString) => "The postgres store needs Keyhold:ConnectionString.",
        Postgres => null,
        _ => $"Unknown store '{Store}'. Use 'sqlite' or 'postgres'.",
    };
}
