namespace Keyhold.Certificates;

/// <summary>
/// POST /api/security/certificates as a command: install <see cref="PublicCertificate"/> (with its private key and
/// intermediates), or, without it, create a self-signed certificate from <see cref="CommonName"/>, <see cref="KeySize"/>,
/// <see cref="HashFunction"/> and <see cref="ExpiryTime"/> (an ISO-8601 duration). The SVM is named by uuid or name.
/// </summary>
public sealed record InstallCertificate(CertificateType Type)
{
    public string? Name { get; init; }

    public string? Scope { get; init; }

    public string? SvmUuid { get; init; }

    public string? SvmName { get; init; }

    public string? PublicCertificate { get; init; }

    public string? PrivateKey { get; init; }

    public IReadOnlyList<string>? Intermediates { get; init; }

    public string? CommonName { get; init; }

    public string? ExpiryTime { get; init; }

    public int? KeySize { get; init; }

    public string? HashFunction { get; init; }

    /// <summary>Keeps the private key out of logs: records print every property by default.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Type = ").Append(Type).Append(", Name = ").Append(Name).Append(", SvmUuid = ").Append(SvmUuid)
            .Append(", SvmName = ").Append(SvmName).Append(", HasPrivateKey = ").Append(PrivateKey is not null);
        return true;
    }
}
