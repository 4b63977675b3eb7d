using Keyhold.Keys;

namespace Keyhold.External;

/// <summary>
/// Keys held on an external key manager's KMIP servers. A location is (server "host:port", KMIP unique identifier);
/// callers store the locations next to the key id and hand them back to read or destroy the key.
/// </summary>
public interface IKmipKeyServers
{
    /// <summary>Registers <paramref name="material"/> as an AES key named <paramref name="keyId"/> and activates it on every
    /// configured server that answers; fails (<see cref="Kmip.KmipException"/>) when none does.</summary>
    Task<IReadOnlyList<(string Server, string KmipUid)>> RegisterAsync(KeyManager km, string keyId, byte[] material, CancellationToken ct);

    /// <summary>The key material from the first location that answers.</summary>
    Task<byte[]> GetAsync(KeyManager km, string keyId, IReadOnlyList<(string Server, string KmipUid)> locations, CancellationToken ct);

    /// <summary>Revokes (cessation of operation) and destroys the key at every location; a location that no longer has it counts as destroyed.</summary>
    Task DestroyAsync(KeyManager km, string keyId, IReadOnlyList<(string Server, string KmipUid)> locations, CancellationToken ct);

    /// <summary>As <see cref="DestroyAsync"/>, but every location is tried and none throws: the locations that still hold
    /// the key, and the first failure (null when the key is gone everywhere).</summary>
    Task<DestroyOutcome> DestroyEachAsync(KeyManager km, string keyId, IReadOnlyList<(string Server, string KmipUid)> locations, CancellationToken ct);
}
