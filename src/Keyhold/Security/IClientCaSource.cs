using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Security;

/// <summary>
/// The installed <c>client_ca</c> certificates, which client certificates must chain to. Certificates (a higher layer)
/// implements it, so Security checks certificate logins without knowing how certificates are stored.
/// </summary>
public interface IClientCaSource
{
    Task<IReadOnlyList<X509Certificate2>> ClientCasAsync(CancellationToken ct);
}
