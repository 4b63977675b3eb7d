namespace Keyhold.External;

/// <summary>One configured key server of an external key manager; the password only ever wrapped.</summary>
public sealed record KeyServer(Guid KeyManagerUuid, string Server, int Position, int Timeout, string Username, byte[]? WrappedPassword,
    string SecondaryKeyServers = "", int CreateRemoveTimeout = KeyServer.DefaultCreateRemoveTimeout)
{
    /// <summary>The create/remove timeout of a new key server (Keyhold choice: ONTAP's examples show 60, its docs no default).</summary>
    public const int DefaultCreateRemoveTimeout = 60;

    /// <summary>The secondaries in order, as stored (comma-separated).</summary>
    public IReadOnlyList<string> Secondaries => SecondaryKeyServers.Length == 0 ? [] : SecondaryKeyServers.Split(',');

    /// <summary>The I/O timeout ONTAP shows for a new key server (9.7 examples).</summary>
    public const int DefaultTimeout = 25;

    /// <summary>Purpose bound into the wrap of a key-server password.</summary>
    public const string PasswordPurpose = "key-server-password";

    public ServerAddress Address => ServerAddress.Parse(Server, "server");

    /// <summary>Id bound into the password wrap, so a wrapped password cannot be moved to another server.</summary>
    public string SecretId => $"{KeyManagerUuid}/{Server}";
}
