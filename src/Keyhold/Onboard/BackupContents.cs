namespace Keyhold.Onboard;

/// <summary>One wrapped data key in a backup. <paramref name="Metadata"/> is the caller's JSON (SVM, volume UUID, ...), carried opaquely.</summary>
public sealed record BackupKey(string KeyId, string KeyType, byte[] Wrapped, string Metadata);

/// <summary>
/// Everything needed to rebuild the onboard hierarchy on an empty install, given the passphrase.
/// Nothing in it is readable without the passphrase: the root key and data keys are all wrapped.
/// </summary>
public sealed record BackupContents(KdfParameters Kdf, byte[] WrappedRootKey, IReadOnlyList<BackupKey> Keys, string ClusterUuid);
