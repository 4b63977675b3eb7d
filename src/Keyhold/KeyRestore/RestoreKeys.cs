namespace Keyhold.KeyRestore;

/// <summary>POST …/restore as received: the key manager of the path and the body's optional filters.</summary>
public sealed record RestoreKeys(string KeyManager, string? KeyId, string? KeyServer, string? KeyTag, string? NodeUuid, string? NodeName);
