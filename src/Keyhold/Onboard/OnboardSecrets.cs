namespace Keyhold.Onboard;

/// <summary>
/// What enabling onboard key management produces: the KDF parameters and wrapped root key to store,
/// plus the live root key for immediate use (zeroed when this is disposed).
/// </summary>
public sealed class OnboardSecrets(KdfParameters kdf, byte[] wrappedRootKey, RootKey rootKey) : IDisposable
{
    public KdfParameters Kdf { get; } = kdf;

    public byte[] WrappedRootKey { get; } = wrappedRootKey;

    public RootKey RootKey { get; } = rootKey;

    public void Dispose() => RootKey.Dispose();
}
