namespace Keyhold.External;

/// <summary>
/// An installed certificate named by uuid or name. Both null means the reference was not an object: refused as
/// 65536876 on its target, as ONTAP does for a malformed reference.
/// </summary>
public sealed record CertificateReference(string? Uuid, string? Name);

/// <summary>
/// POST external: the client certificate, the server CAs and the servers ("host[:port]"). A null member was absent;
/// a null server is a record without "server". <paramref name="Policy"/>: the key manager's policy (9.9), stored as given.
/// </summary>
public sealed record EnableExternal(
    CertificateReference? ClientCertificate,
    IReadOnlyList<CertificateReference>? ServerCaCertificates,
    IReadOnlyList<string?>? Servers,
    string? Policy = null);

/// <summary>PATCH external: a new client certificate (same key pair) and/or a new set of server CAs; null keeps the current.</summary>
public sealed record ModifyExternal(CertificateReference? ClientCertificate, IReadOnlyList<CertificateReference>? ServerCaCertificates);

/// <summary>POST key-servers: one <paramref name="Server"/>, or several <paramref name="Records"/> (never both).</summary>
public sealed record AddKeyServer(string? Server, IReadOnlyList<string?>? Records);

/// <summary>PATCH key-server: null keeps a value; an empty password removes it.</summary>
public sealed record ModifyKeyServer(int? Timeout, string? Username, string? Password, IReadOnlyList<string>? SecondaryKeyServers = null, int? CreateRemoveTimeout = null)
{
    /// <summary>Keeps the password out of logs: records print every property by default.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Timeout = ").Append(Timeout).Append(", Username = ").Append(Username)
            .Append(", HasPassword = ").Append(Password is not null)
            .Append(", SecondaryKeyServers = ").Append(SecondaryKeyServers is null ? "" : string.Join(',', SecondaryKeyServers))
            .Append(", CreateRemoveTimeout = ").Append(CreateRemoveTimeout);
        return true;
    }
}
