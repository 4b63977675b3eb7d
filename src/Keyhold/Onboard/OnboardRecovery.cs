using System.Security.Cryptography;

namespace Keyhold.Onboard;

/// <summary>Restores (or just checks) an onboard hierarchy from a <c>key_backup</c> and its passphrase.</summary>
public static class OnboardRecovery
{
    /// <summary>
    /// Throws <see cref="FormatException"/> for a damaged backup, <see cref="WrongPassphraseException"/> when the
    /// passphrase does not open it, and <see cref="CryptographicException"/> when a key in it does not unwrap.
    /// </summary>
    public static RecoveredHierarchy Recover(string armouredBackup, string passphrase)
    {
        var backup = KeyBackup.Decode(armouredBackup);
        var root = RootKeyWrapping.Unwrap(passphrase, backup.Kdf, backup.WrappedRootKey);
        try
        {
            for (var i = 0; i < backup.Keys.Count; i++)
                VerifyKey(root, backup.Keys[i], i, backup.Keys.Count);
            return new RecoveredHierarchy(backup, root);
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>ONTAP's verify-backup: succeeds only if the passphrase opens the backup and every key unwraps.</summary>
    public static void Verify(string armouredBackup, string passphrase) => Recover(armouredBackup, passphrase).Dispose();

    private static void VerifyKey(RootKey root, BackupKey key, int index, int count)
    {
        byte[] material;
        try
        {
            material = root.UnwrapDataKey(key.KeyId, key.KeyType, key.Wrapped);
        }
        catch (CryptographicException e)
        {
            throw new CryptographicException($"Key {index + 1} of {count} in the backup does not unwrap under its root key.", e);
        }
        CryptographicOperations.ZeroMemory(material);
    }
}
