using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keyhold.Onboard;
using Keyhold.Storage;

namespace Keyhold.KmipServer;

/// <summary>
/// The KMIP CA: made by the first node that serves KMIP (ECDSA P-384, ten years) and kept in the cluster store, its key
/// wrapped under the cluster secret, so every node's server certificate chains to the same CA. Each node writes the CA
/// certificate to DATA/kmip-ca.crt for clients to trust, and at each start issues itself a fresh server certificate from
/// it, kept in memory only, for the endpoint's host plus localhost and the loopback addresses.
/// </summary>
public static class KmipCertificateAuthority
{
    public const string CertificateFile = "kmip-ca.crt";
    private const string Id = "cluster", Purpose = "kmip-ca-private-key";

    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    /// <summary>The CA with its private key; null while this node does not hold the cluster secret yet.</summary>
    public static async Task<X509Certificate2?> LoadOrCreateAsync(IStore store, ClusterSecret secret, string dataDir, TimeProvider clock, CancellationToken ct)
    {
        if (!secret.Held)
        {
            return null;
        }

        (string pem, byte[] wrapped) = await store.WriteAsync(async (c, tx, t) =>
        {
            var rows = await Db.QueryAsync(c, tx, "SELECT certificate, wrapped_key FROM kmip_ca WHERE id = @i",
                r => (r.GetString(0), (byte[])r.GetValue(1)), t, ("@i", Id));
            if (rows.Count > 0)
            {
                return rows[0];
            }

            (string certificate, byte[] key) = Create(secret);
            await Db.ExecuteAsync(c, tx, "INSERT INTO kmip_ca (id, certificate, wrapped_key, created) VALUES (@i, @c, @k, @t)", t,
                ("@i", Id), ("@c", certificate), ("@k", key), ("@t", clock.GetUtcNow()));
            return (certificate, key);
        }, ct);
        string certPath = Path.Combine(dataDir, CertificateFile);
        if (!File.Exists(certPath) || File.ReadAllText(certPath) != pem)
        {
            File.WriteAllText(certPath, pem);
        }

        byte[] keyPem = secret.Unwrap(Id, Purpose, wrapped);
        try
        {
            using X509Certificate2 certificate = X509Certificate2.CreateFromPem(pem);
            using var key = ECDsa.Create();
            key.ImportFromPem(System.Text.Encoding.ASCII.GetString(keyPem));
            return certificate.CopyWithPrivateKey(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyPem);
        }
    }

    private static (string Certificate, byte[] WrappedKey) Create(ClusterSecret secret)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest($"CN=Keyhold KMIP CA {Guid.NewGuid():N}", key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using X509Certificate2 ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        byte[] keyPem = System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem());
        try
        {
            return (ca.ExportCertificatePem(), secret.Wrap(Id, Purpose, keyPem));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyPem);
        }
    }

    /// <summary>A server certificate signed by <paramref name="ca"/> for <paramref name="host"/>; it carries its key.</summary>
    public static X509Certificate2 IssueServerCertificate(X509Certificate2 ca, string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=keyhold-kmip", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (IPAddress.TryParse(host, out IPAddress? ip))
        {
            if (!IPAddress.Any.Equals(ip) && !IPAddress.IPv6Any.Equals(ip) && !IPAddress.IsLoopback(ip))
            {
                names.AddIpAddress(ip);
            }
        }
        else if (host != "localhost")
        {
            names.AddDnsName(host);
        }

        names.AddDnsName(Dns.GetHostName());
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        DateTimeOffset notAfter = DateTimeOffset.UtcNow.AddYears(1) < ca.NotAfter ? DateTimeOffset.UtcNow.AddYears(1) : ca.NotAfter;
        using X509Certificate2 issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), notAfter, serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);
        // SslStream on Linux wants a key that outlives the ECDsa object: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
