using System.Security.Cryptography;

namespace Keyhold.Onboard;

/// <summary>
/// A hierarchy opened from a backup: the root key, and the backed-up keys, every one already verified to
/// unwrap. Plaintext is produced only on request; the caller zeroes what it gets. Disposing zeroes the root key.
/// The wrapped forms in <see cref="Backup"/> can be stored as they are: they stay valid under the same root key.
/// </summary>
public sealed class RecoveredHierarchy(BackupContents backup, RootKey rootKey) : IDisposable
{
    public BackupContents Backup { get; } = backup;

    public RootKey RootKey { get; } = rootKey;

    public IReadOnlyList<BackupKey> Keys => Backup.Keys;

    /// <summary>The key's plaintext; zero it with <see cref="CryptographicOperations.ZeroMemory"/> after use.</summary>
    public byte[] UnwrapKey(BackupKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return RootKey.UnwrapDataKey(key.KeyId, key.KeyType, key.Wrapped);
    }

    /// <summary>Every key's plaintext, in backup order; the caller zeroes each <c>Material</c>.</summary>
    public IReadOnlyList<(BackupKey Key, byte[] Material)> UnwrapAll()
    {
        var all = new List<(BackupKey, byte[])>(Keys.Count);
        try
        {
            foreach (var key in Keys)
                all.Add((key, UnwrapKey(key)));
            return all;
        }
        catch
        {
            foreach (var (_, material) in all)
                CryptographicOperations.ZeroMemory(material);
            throw;
        }
    }

    public void Dispose() => RootKey.Dispose();
}
