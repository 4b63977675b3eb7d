namespace Keyhold.Keys;

/// <summary>
/// What a consumer asks a key store for. <paramref name="Metadata"/> is the consumer's JSON text (e.g. the volume's);
/// a store may add its own members (an external store: where the key lives) before the key is stored.
/// </summary>
public sealed record KeyRequest(string KeyType, Guid? SvmUuid, string? KeyTag, string Metadata);
