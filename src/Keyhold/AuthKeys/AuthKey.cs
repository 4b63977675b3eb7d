namespace Keyhold.AuthKeys;

/// <summary>An authentication key as /auth-keys shows it; its material never leaves the key store.</summary>
public sealed record AuthKey(string KeyId, string? KeyTag, Guid KeyManagerUuid);

/// <summary>POST auth-keys: an optional tag and an optional passphrase the key is derived from (else it is random).</summary>
public sealed record CreateAuthKey(string? KeyTag, string? Passphrase)
{
    /// <summary>Keeps the passphrase out of logs: records print every property by default.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("KeyTag = ").Append(KeyTag).Append(", HasPassphrase = ").Append(Passphrase is not null);
        return true;
    }
}
