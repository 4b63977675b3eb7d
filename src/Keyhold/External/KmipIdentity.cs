using System.Security.Cryptography.X509Certificates;
using System.Text;
using Keyhold.Onboard;
using Keyhold.Certificates;
using Keyhold.Kmip;

namespace Keyhold.External;

/// <summary>
/// The TLS material of one external key manager, loaded in memory (the private key unwrapped only here),
/// and the KMIP client options for each of its servers. Dispose when done.
/// </summary>
public sealed class KmipIdentity(X509Certificate2 client, X509Certificate2Collection cas, ClusterSecret secret, ExternalOptions options) : IDisposable
{
    public static KmipIdentity Load(CertificateService certs, StoredCertificate client, IEnumerable<StoredCertificate> cas, ClusterSecret secret, ExternalOptions options) =>
        new(certs.LoadClientIdentity(client), ClientIdentity.LoadCas(cas.Select(c => c.PublicCertificate)), secret, options);

    /// <summary>Options for <paramref name="server"/>, or for one of its secondaries (<paramref name="at"/>) with the primary's credentials.</summary>
    public KmipClientOptions OptionsFor(KeyServer server, ServerAddress? at = null)
    {
        var address = at ?? server.Address;
        return new KmipClientOptions
        {
            Host = address.Host,
            Port = address.Port,
            ClientCertificate = client,
            TrustedCaCertificates = cas,
            Timeout = options.TimeoutFor(server),
            Username = server.Username.Length > 0 ? server.Username : null,
            Password = server.WrappedPassword is { } wrapped ? Unwrap(server, wrapped) : null,
        };
    }

    public void Dispose()
    {
        client.Dispose();
        foreach (var ca in cas)
        {
            ca.Dispose();
        }
    }

    private string Unwrap(KeyServer server, byte[] wrapped)
    {
        var bytes = secret.Unwrap(server.SecretId, KeyServer.PasswordPurpose, wrapped);
        try
        {
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
