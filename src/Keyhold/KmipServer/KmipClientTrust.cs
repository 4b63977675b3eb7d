using System.Security.Cryptography.X509Certificates;
using Keyhold.Certificates;

namespace Keyhold.KmipServer;

/// <summary>
/// Which client certificates the listener accepts: those that chain to a cluster <c>client_ca</c> installed through
/// /api/security/certificates, are within their validity (and their CA's) and, when they name usages, allow client
/// authentication. The identity is the subject's common name. The installed CAs are re-read at most every few seconds,
/// so installing or deleting a client_ca takes effect without a restart.
/// </summary>
public sealed class KmipClientTrust(CertificateRepository certificates, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);
    private static readonly System.Security.Cryptography.Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset Read, X509Certificate2Collection Roots)? cached;

    /// <summary>
    /// The client's identity, or null when the certificate is not acceptable. Synchronous, for the TLS handshake's
    /// callback: <paramref name="roots"/> comes from <see cref="RootsAsync"/> just before the handshake.
    /// </summary>
    public string? Identify(X509Certificate? presented, X509Chain? sent, X509Certificate2Collection roots)
    {
        if (presented is null || roots.Count == 0)
        {
            return null;
        }

        X509Certificate2 certificate = presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        if (sent is not null)
        {
            // Intermediates the client sent along; trust still ends only at an installed client_ca.
            foreach (X509ChainElement element in sent.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = clock.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
        if (!chain.Build(certificate))
        {
            return null;
        }

        string cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return string.IsNullOrWhiteSpace(cn) ? null : cn;
    }

    public async Task<X509Certificate2Collection> RootsAsync(CancellationToken ct)
    {
        DateTimeOffset now = clock.GetUtcNow();
        if (cached is { } c && now - c.Read < Refresh)
        {
            return c.Roots;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } again && now - again.Read < Refresh)
            {
                return again.Roots;
            }

            List<StoredCertificate> installed = await certificates.ClusterOfTypeAsync(CertificateType.ClientCa, ct);
            X509Certificate2Collection roots = ClientIdentity.LoadCas(installed.Select(i => i.PublicCertificate));
            cached = (now, roots);
            return roots;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
