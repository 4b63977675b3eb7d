namespace Keyhold.Onboard;

/// <summary>The stored onboard hierarchy: KDF parameters and the root key wrapped under the passphrase KEK.</summary>
public sealed record OnboardState(Guid KeyManagerUuid, KdfParameters Kdf, byte[] WrappedRootKey, string RootFingerprint, DateTimeOffset Changed);
