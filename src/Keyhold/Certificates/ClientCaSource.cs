using System.Security.Cryptography.X509Certificates;
using Keyhold.Security;
using Keyhold.Storage;

namespace Keyhold.Certificates;

/// <summary>The installed client_ca certificates, for certificate logins (Security/CertificateLogin).</summary>
public sealed class ClientCaSource(IStore store) : IClientCaSource
{
    public async Task<IReadOnlyList<X509Certificate2>> ClientCasAsync(CancellationToken ct)
    {
        var pems = await store.ReadAsync((c, t) => Db.QueryAsync(c, null, "SELECT public_certificate FROM certificates WHERE type = @t",
            r => r.GetString(0), t, ("@t", CertificateType.ClientCa.ToWire())), ct);
        return pems.ConvertAll(pem => X509Certificate2.CreateFromPem(pem));
    }
}
