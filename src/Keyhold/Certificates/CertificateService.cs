using System.Security.Cryptography.X509Certificates;
using System.Text;
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
    public async Task<StoredCertificate> CreateAsync(InstallCertificate command, CancellationToken ct)
    {
        var parsed = Parse(command);
        var svm = await ResolveSvmAsync(command, ct);
        var uuid = Guid.NewGuid();
        var wrapped = parsed.PrivateKeyPkcs8Pem is { } key
            ? secret.Wrap(uuid.ToString(), StoredCertificate.PrivateKeyPurpose, Encoding.UTF8.GetBytes(key))
            : null;
        var cert = new StoredCertificate(uuid, command.Name ?? $"{parsed.CommonName}_{parsed.SerialNumber}", svm?.Uuid, svm?.Name, command.Type,
            parsed.CommonName, parsed.SerialNumber, parsed.Ca, parsed.ExpiryTime, parsed.HashFunction, parsed.KeySize,
            parsed.PublicCertificatePem, parsed.IntermediatePems, wrapped, parsed.PublicKeyFingerprint);
        await store.WriteAsync(async (c, tx, t) =>
        {
            if (await CertificateRepository.ExistsAsync(c, tx, cert, t))
            {
                throw new OntapException(OntapErrors.CertificateExists, "public_certificate");
            }
            await CertificateRepository.InsertAsync(c, tx, cert, clock.GetUtcNow(), t);
            return 0;
        }, ct);
        return cert;
    }

    /// <summary>Deletes an installed certificate: 404 when there is none, 3735650 while a key manager uses it.</summary>
    public Task DeleteAsync(Guid uuid, CancellationToken ct) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            if (await CertificateRepository.FindAsync(c, tx, uuid, t) is null)
            {
                throw new OntapException(OntapErrors.EntryNotFound, "uuid");
            }
            var id = uuid.ToString();
            var inUse = await Db.ScalarAsync(c, tx,
                "SELECT uuid FROM key_managers WHERE client_cert_uuid = @u OR server_ca_uuids LIKE @like", t, ("@u", id), ("@like", $"%{id}%"));
            if (inUse is not null)
            {
                throw new OntapException(OntapErrors.CertificateInUse, "uuid");
            }
            await CertificateRepository.DeleteAsync(c, tx, uuid, t);
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

    private ParsedCertificate Parse(InstallCertificate command)
    {
        var now = clock.GetUtcNow();
        var type = command.Type;
        try
        {
            if (command.PublicCertificate is { } pem)
            {
                return CertificateParser.Parse(type, pem, command.PrivateKey, command.Intermediates, now);
            }
            if (command.PrivateKey is not null)
            {
                throw new OntapException(OntapErrors.CertificateInvalid, "private_key", "A private key is only valid together with public_certificate.");
            }
            var commonName = command.CommonName ?? throw new OntapException(OntapErrors.MissingField, "common_name", "common_name");
            var validity = command.ExpiryTime is { } expiry
                ? (IsoDuration.TryParse(expiry, out var d) ? d : throw new OntapException(OntapErrors.InvalidFieldValue, "expiry_time", expiry, "expiry_time"))
                : IsoDuration.DefaultExpiry;
            var (certPem, keyPem) = SelfSignedFactory.Create(type, commonName, command.KeySize ?? CreationParameters.DefaultKeySize,
                command.HashFunction ?? CreationParameters.DefaultHashFunction, validity, now);
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

    private async Task<Svm?> ResolveSvmAsync(InstallCertificate command, CancellationToken ct)
    {
        var uuid = command.SvmUuid;
        var name = command.SvmName;
        if (uuid is null && name is null)
        {
            if (command.Scope == "svm")
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
