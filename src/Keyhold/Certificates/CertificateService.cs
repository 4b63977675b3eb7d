using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Cluster;
using Keyhold.Storage;

namespace Keyhold.Certificates;

/// <summary>
/// Installs certificates (or creates self-signed ones) after parsing them with the framework, wraps
/// private keys under the cluster secret before they reach the store, and refuses to delete a
/// certificate a key manager still uses.
/// </summary>
public sealed class CertificateService(IStore store, ClusterSecret secret, TimeProvider clock)
{
    public async Task<StoredCertificate> CreateAsync(JsonObject body, CancellationToken ct)
    {
        var typeText = body.GetString("type") ?? throw new OntapException(OntapErrors.MissingField, "type", "type");
        if (!CertificateTypes.TryParse(typeText, out var type))
        {
            throw new OntapException(OntapErrors.InvalidFieldValue, "type", typeText, "type");
        }
        var parsed = Parse(body, type);
        var svm = await ResolveSvmAsync(body, ct);
        var uuid = Guid.NewGuid();
        var wrapped = parsed.PrivateKeyPkcs8Pem is { } key
            ? secret.Wrap(uuid.ToString(), StoredCertificate.PrivateKeyPurpose, Encoding.UTF8.GetBytes(key))
            : null;
        var cert = new StoredCertificate(uuid, body.GetString("name") ?? $"{parsed.CommonName}_{parsed.SerialNumber}", svm?.Uuid, svm?.Name, type,
            parsed.CommonName, parsed.SerialNumber, parsed.Ca, parsed.ExpiryTime, parsed.HashFunction, parsed.KeySize,
            parsed.PublicCertificatePem, parsed.IntermediatePems, wrapped, parsed.PublicKeyFingerprint);
        await store.WriteAsync(async (c, tx, t) =>
        {
            if (await CertificateRepository.ExistsAsync(c, tx, cert, t))
            {
                throw new OntapException(OntapErrors.CertificateExists, "public_certificate");
            }
            await CertificateRepository.InsertAsync(c, tx, cert, t);
            return 0;
        }, ct);
        return cert;
    }

    public Task DeleteAsync(StoredCertificate cert, CancellationToken ct) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            var id = cert.Uuid.ToString();
            var inUse = await Db.ScalarAsync(c, tx,
                "SELECT uuid FROM key_managers WHERE client_cert_uuid = @u OR server_ca_uuids LIKE @like", t, ("@u", id), ("@like", $"%{id}%"));
            if (inUse is not null)
            {
                throw new OntapException(OntapErrors.CertificateInUse, "uuid");
            }
            await CertificateRepository.DeleteAsync(c, tx, cert.Uuid, t);
            return 0;
        }, ct);

    /// <summary>The certificate with its private key, for a TLS client; the key is unwrapped only in memory.</summary>
    public X509Certificate2 LoadClientIdentity(StoredCertificate cert)
    {
        var pem = secret.Unwrap(cert.Uuid.ToString(), StoredCertificate.PrivateKeyPurpose, cert.WrappedPrivateKey
            ?? throw new InvalidOperationException("The certificate has no private key."));
        try
        {
            return ClientIdentity.LoadWithKey(cert.PublicCertificate, Encoding.UTF8.GetString(pem), cert.Intermediates);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(pem);
        }
    }

    private ParsedCertificate Parse(JsonObject body, CertificateType type)
    {
        var now = clock.GetUtcNow();
        try
        {
            if (body.GetString("public_certificate") is { } pem)
            {
                var intermediates = body["intermediate_certificates"] is JsonArray list
                    ? list.Select(i => i?.GetValue<string>() ?? "").ToList()
                    : null;
                return CertificateParser.Parse(type, pem, body.GetString("private_key"), intermediates, now);
            }
            if (body.GetString("private_key") is not null)
            {
                throw new OntapException(OntapErrors.CertificateInvalid, "private_key", "A private key is only valid together with public_certificate.");
            }
            var commonName = body.GetString("common_name") ?? throw new OntapException(OntapErrors.MissingField, "common_name", "common_name");
            var validity = body.GetString("expiry_time") is { } expiry
                ? (IsoDuration.TryParse(expiry, out var d) ? d : throw new OntapException(OntapErrors.InvalidFieldValue, "expiry_time", expiry, "expiry_time"))
                : IsoDuration.DefaultExpiry;
            var (certPem, keyPem) = SelfSignedFactory.Create(type, commonName, body.GetInt("key_size") ?? CreationParameters.DefaultKeySize,
                body.GetString("hash_function") ?? CreationParameters.DefaultHashFunction, validity, now);
            return CertificateParser.Parse(type, certPem, type.IsCaType() ? null : keyPem, null, now);
        }
        catch (CertificateValidationException e)
        {
            throw new OntapException(OntapErrors.CertificateInvalid, TargetOf(e.Problem), e.Message);
        }
    }

    private static string TargetOf(CertificateProblem problem) => problem switch
    {
        CertificateProblem.BadPrivateKey or CertificateProblem.KeyMismatch or CertificateProblem.PrivateKeyRequired or CertificateProblem.PrivateKeyNotAllowed => "private_key",
        CertificateProblem.BadIntermediate => "intermediate_certificates",
        CertificateProblem.BadParameter => "key_size",
        _ => "public_certificate",
    };

    private async Task<Svm?> ResolveSvmAsync(JsonObject body, CancellationToken ct)
    {
        var uuid = body.GetString("svm.uuid");
        var name = body.GetString("svm.name");
        if (uuid is null && name is null)
        {
            if (body.GetString("scope") == "svm")
            {
                throw new OntapException(OntapErrors.MissingField, "svm", "svm.uuid or svm.name");
            }
            return null;
        }
        return await store.ReadAsync(async (c, t) => uuid is not null
            ? (Guid.TryParse(uuid, out var id) ? await SvmRepository.FindAsync(c, null, id, t) : null) ?? throw new OntapException(OntapErrors.SvmNotFound, "svm.uuid", uuid)
            : await SvmRepository.FindByNameAsync(c, null, name!, t) ?? throw new OntapException(OntapErrors.SvmNotFound, "svm.name", name!), ct);
    }
}
