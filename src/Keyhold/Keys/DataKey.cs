namespace Keyhold.Keys;

/// <summary>
/// A key held for a consumer (a volume's VEK, an SVM-KEK, ...). Onboard keys carry their material
/// wrapped under the root key; external keys carry only where they live (metadata).
/// </summary>
public sealed record DataKey(string KeyId, Guid KeyManagerUuid, string KeyType, Guid? SvmUuid, string? KeyTag, byte[]? Wrapped, string Metadata, DateTimeOffset Created);
