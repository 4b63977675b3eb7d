using System.Security.Cryptography;

namespace Keyhold.Onboard;

/// <summary>
/// Passphrase → KEK (PBKDF2) → RFC 5649 AES key wrap of the root key. The wrap's integrity check is what
/// tells a wrong passphrase apart; nothing else about the passphrase is stored.
/// </summary>
public static class RootKeyWrapping
{
    /// <summary>RFC 5649 output for a 32-byte key: 8-byte integrity block + 32 bytes.</summary>
    public const int WrappedLength = RootKey.Length + 8;

    public static OnboardSecrets Create(string passphrase, int iterations)
    {
        PassphrasePolicy.ThrowIfInvalid(passphrase, nameof(passphrase));
        var root = RootKey.Generate();
        try
        {
            var (kdf, wrapped) = Rewrap(root, passphrase, iterations);
            return new OnboardSecrets(kdf, wrapped, root);
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    public static RootKey Unwrap(string passphrase, KdfParameters kdf, byte[] wrappedRootKey)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        ArgumentNullException.ThrowIfNull(kdf);
        ArgumentNullException.ThrowIfNull(wrappedRootKey);
        if (wrappedRootKey.Length != WrappedLength)
            throw new CryptographicException("The wrapped root key has the wrong length.");

        Span<byte> kek = stackalloc byte[KdfParameters.KekLength];
        Span<byte> material = stackalloc byte[WrappedLength];
        try
        {
            kdf.DeriveKek(passphrase, kek);
            using var aes = Aes.Create();
            aes.SetKey(kek);
            int written;
            try
            {
                written = aes.DecryptKeyWrapPadded(wrappedRootKey, material);
            }
            catch (CryptographicException e)
            {
                throw new WrongPassphraseException("The passphrase is incorrect.", e);
            }
            return RootKey.FromBytes(material[..written]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>Wraps an existing root key under a new passphrase with a fresh salt; data keys stay as they are.</summary>
    public static (KdfParameters Kdf, byte[] WrappedRootKey) Rewrap(RootKey root, string newPassphrase, int iterations)
    {
        ArgumentNullException.ThrowIfNull(root);
        PassphrasePolicy.ThrowIfInvalid(newPassphrase, nameof(newPassphrase));
        var kdf = KdfParameters.NewPbkdf2(iterations);
        Span<byte> kek = stackalloc byte[KdfParameters.KekLength];
        try
        {
            kdf.DeriveKek(newPassphrase, kek);
            using var aes = Aes.Create();
            aes.SetKey(kek);
            return (kdf, aes.EncryptKeyWrapPadded(root.Material));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }
}
