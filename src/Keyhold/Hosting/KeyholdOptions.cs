namespace Keyhold.Hosting;

/// <summary>Settings of one node, bound from the "Keyhold" configuration section.</summary>
public sealed class KeyholdOptions
{
    public const string Section = "Keyhold";

    /// <summary>Folder holding the node's identity, TLS certificate, node key and (SQLite) the store.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>Initial password of the admin account, used only when the account is first created.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>PBKDF2 iterations for new onboard passphrases. OWASP's current figure by default.</summary>
    public int KdfIterations { get; set; } = 600_000;

    /// <summary>sqlite (default) or postgres.</summary>
    public string Store { get; set; } = "sqlite";

    public string? ConnectionString { get; set; }

    /// <summary>
    /// The SQLite file; by default keyhold.db in the data folder. Several nodes on one host may share one
    /// file (each with its own data folder) to form one cluster.
    /// </summary>
    public string? StorePath { get; set; }

    /// <summary>How often a node seals the cluster secret for nodes that joined without it.</summary>
    public TimeSpan NodeSyncInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Name of this node; defaults to the host name.</summary>
    public string? NodeName { get; set; }
}
