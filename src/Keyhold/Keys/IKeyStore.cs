namespace Keyhold.Keys;

/// <summary>
/// Where the keys of one kind of key manager live (onboard: wrapped in the cluster store; external: on KMIP servers).
/// The consumer stores the returned <see cref="DataKey"/> row in the same transaction as its own row, so a
/// committed consumer always has its key and an uncommitted one never leaves a row behind.
/// </summary>
public interface IKeyStore
{
    /// <summary>The <see cref="KeyManager.Kind"/> this store serves: "onboard" or "external".</summary>
    string Kind { get; }

    /// <summary>
    /// Makes a new key and returns its row, not yet stored. Runs outside any transaction: an external store
    /// registers the key on its servers here and records their KMIP UIDs in the row's metadata.
    /// Throws <see cref="Keyhold.Ontap.OntapException"/> when the key cannot be made.
    /// </summary>
    Task<DataKey> CreateAsync(KeyManager km, KeyRequest request, CancellationToken ct);

    /// <summary>
    /// Puts existing <paramref name="material"/> under <paramref name="key"/>'s ID into <paramref name="km"/> (a migration's
    /// destination) and returns the row as it would be stored there, not yet stored. Like <see cref="CreateAsync"/> it runs
    /// outside any transaction and the copy is undone with <see cref="AbandonAsync"/> if the row is never switched to it.
    /// An external store requires every configured server to take the key, so a moved key has the redundancy configured.
    /// </summary>
    Task<DataKey> ImportAsync(KeyManager km, DataKey key, byte[] material, CancellationToken ct);

    /// <summary>The row from <see cref="CreateAsync"/> was never stored: undo what CreateAsync did elsewhere. Never throws.</summary>
    Task AbandonAsync(DataKey key, CancellationToken ct);

    /// <summary>The key's row is deleted and committed: destroy every other copy (external: revoke and destroy on the servers).</summary>
    Task DestroyAsync(DataKey key, CancellationToken ct);

    /// <summary>The plaintext key, for checks inside Keyhold only; it never leaves the process. The caller zeroes it.</summary>
    Task<byte[]> ReadAsync(DataKey key, CancellationToken ct);

    /// <summary>How the keys of <paramref name="km"/> appear from <paramref name="node"/>; called once per key-ids listing.</summary>
    Task<Func<DataKey, KeyPlacement>> PlacementAsync(KeyManager km, Guid node, CancellationToken ct);
}
