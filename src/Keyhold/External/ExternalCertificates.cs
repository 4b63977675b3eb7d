using Keyhold.Ontap;
using Keyhold.Certificates;
using Keyhold.Storage;

namespace Keyhold.External;

/// <summary>
/// Resolves the certificate references of an external key manager ({uuid} or {name}) to installed certificates.
/// An SVM's key manager may use certificates of that SVM or of the cluster; the cluster's only cluster certificates.
/// A missing, foreign or wrongly typed certificate is 65536821.
/// </summary>
public sealed class ExternalCertificates(IStore store)
{
    public async Task<StoredCertificate> ResolveAsync(CertificateReference? reference, CertificateType type, Guid? svm, string target, CancellationToken ct)
    {
        if (reference is null || (reference.Uuid is null && reference.Name is null))
        {
            throw OntapErrors.ExternalRequiresCertsAndServers.With(target);
        }
        var uuid = reference.Uuid;
        var name = reference.Name;
        var cert = await store.ReadAsync(async (c, t) => uuid is not null
            ? (Guid.TryParse(uuid, out var id) ? await CertificateRepository.FindAsync(c, null, id, t) : null)
            : await FindByNameAsync(c, name!, type, svm, t), ct);
        var usable = cert is not null && cert.Type == type && (cert.SvmUuid is null || cert.SvmUuid == svm)
            && (name is null || cert.Name == name) && (type != CertificateType.Client || cert.WrappedPrivateKey is not null);
        return usable ? cert! : throw OntapErrors.CertificateNotInstalled.With(target);
    }

    public async Task<List<StoredCertificate>> ResolveAllAsync(IReadOnlyList<CertificateReference>? references, CertificateType type, Guid? svm, string target, CancellationToken ct)
    {
        if (references is not { Count: > 0 } list)
        {
            throw OntapErrors.ExternalRequiresCertsAndServers.With(target);
        }
        var certs = new List<StoredCertificate>();
        foreach (var reference in list)
        {
            var cert = await ResolveAsync(reference, type, svm, target, ct);
            if (certs.All(c => c.Uuid != cert.Uuid))
            {
                certs.Add(cert);
            }
        }
        return certs;
    }

    public Task<StoredCertificate?> FindAsync(Guid uuid, CancellationToken ct) =>
        store.ReadAsync((c, t) => CertificateRepository.FindAsync(c, null, uuid, t), ct);

    // The SVM's own certificate wins over a cluster one of the same name.
    private static async Task<StoredCertificate?> FindByNameAsync(System.Data.Common.DbConnection c, string name, CertificateType type, Guid? svm, CancellationToken ct)
    {
        var ids = await Db.QueryAsync(c, null,
            "SELECT uuid FROM certificates WHERE name = @n AND type = @t AND (svm_uuid IS NULL OR svm_uuid = @s) ORDER BY CASE WHEN svm_uuid IS NULL THEN 1 ELSE 0 END",
            r => Guid.Parse(r.GetString(0)), ct, ("@n", name), ("@t", type.ToWire()), ("@s", svm?.ToString() ?? ""));
        return ids.Count == 0 ? null : await CertificateRepository.FindAsync(c, null, ids[0], ct);
    }
}
