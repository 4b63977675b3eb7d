using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Security;

/// <summary>
/// Login by a client certificate presented at TLS (ONTAP's <c>certificate</c> authentication method; Ansible's
/// cert_filepath/key_filepath): the certificate must chain to an installed client_ca, and its subject's common name
/// names an account that allows <c>certificate</c> for <c>http</c>. TLS itself proved the client holds the private key.
/// No password hash runs, so the limiter is not needed here; refusals are still counted by the door.
/// </summary>
public sealed class CertificateLogin(AccountRepository accounts, IClientCaSource? clientCas, TimeProvider time)
{
    /// <summary>The account, or null when the certificate does not chain to a client_ca or its CN may not log in with it.</summary>
    public async Task<Account?> AuthenticateAsync(X509Certificate2 certificate, CancellationToken ct)
    {
        if (clientCas is null)
        {
            return null;
        }
        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (string.IsNullOrEmpty(name) || !Chains(certificate, await clientCas.ClientCasAsync(ct)))
        {
            return null;
        }
        var login = await accounts.FindLoginAsync(name, ct);
        return login is { } found && !found.IsLocked(time.GetUtcNow()) && found.Applications.Any(a => a.Allows(AccountApplication.Certificate))
            ? found.Account
            : null;
    }

    private bool Chains(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> anchors)
    {
        if (anchors.Count == 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors.ToArray());
        // Installed CAs are the whole trust; there is no revocation source to ask.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        return chain.Build(certificate);
    }
}
