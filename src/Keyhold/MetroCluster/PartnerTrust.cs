using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.MetroCluster;

/// <summary>
/// Trusts only the configured partner certificate (or the CA it names), with the host name checked: the partner hands
/// over wrapped key material, and a man in the middle must not be able to play the partner.
/// </summary>
public sealed class PartnerTrust(X509Certificate2Collection anchors)
{
    public static PartnerTrust FromPemFile(string path)
    {
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(path);
        return new PartnerTrust(anchors);
    }

    public bool Validate(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }
        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
