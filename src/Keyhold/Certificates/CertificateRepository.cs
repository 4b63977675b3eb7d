using System.Data.Common;
using System.Text.Json;
using Keyhold.Storage.Query;
using Keyhold.Storage;

namespace Keyhold.Certificates;

public sealed class CertificateRepository(IStore store)
{
    private const string Select =
        "SELECT c.uuid, c.name, c.svm_uuid, s.name, c.type, c.common_name, c.serial_number, c.ca, c.expiry_time, c.hash_function, c.key_size, " +
        "c.public_certificate, c.intermediate_certificates, c.wrapped_private_key, c.key_fingerprint FROM certificates c LEFT JOIN svms s ON s.uuid = c.svm_uuid";

    public Task<List<StoredCertificate>> QueryAsync(SqlPlan plan, CancellationToken ct) =>
        store.QueryPageAsync(Select, plan, Read, ct);

    public Task<StoredCertificate?> FindAsync(Guid uuid, CancellationToken ct) =>
        store.ReadAsync((c, t) => FindAsync(c, null, uuid, t), ct);

    public static Task<StoredCertificate?> FindAsync(DbConnection c, DbTransaction? tx, Guid uuid, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, Select + " WHERE c.uuid = @u", Read, ct, ("@u", uuid));

    /// <summary>Cluster-scoped certificates of one type (the KMIP server trusts every cluster <c>client_ca</c>).</summary>
    public Task<List<StoredCertificate>> ClusterOfTypeAsync(CertificateType type, CancellationToken ct) =>
        store.ReadAsync((c, t) => Db.QueryAsync(c, null, Select + " WHERE c.type = @t AND c.svm_uuid IS NULL", Read, t, ("@t", type.ToWire())), ct);

    public static async Task<bool> ExistsAsync(DbConnection c, DbTransaction tx, StoredCertificate cert, CancellationToken ct) =>
        await Db.ScalarAsync(c, tx,
            "SELECT uuid FROM certificates WHERE type = @t AND serial_number = @s AND ca = @ca AND COALESCE(svm_uuid, '') = @svm", ct,
            ("@t", cert.Type.ToWire()), ("@s", cert.SerialNumber), ("@ca", cert.Ca), ("@svm", cert.SvmUuid?.ToString() ?? "")) is not null;

    public static Task InsertAsync(DbConnection c, DbTransaction tx, StoredCertificate cert, DateTimeOffset created, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx,
            "INSERT INTO certificates (uuid, name, scope, svm_uuid, type, common_name, serial_number, ca, expiry_time, hash_function, key_size, " +
            "public_certificate, intermediate_certificates, wrapped_private_key, key_fingerprint, created) " +
            "VALUES (@u, @n, @sc, @svm, @t, @cn, @s, @ca, @e, @h, @k, @p, @i, @w, @f, @c)", ct,
            ("@u", cert.Uuid), ("@n", cert.Name), ("@sc", cert.Scope), ("@svm", cert.SvmUuid?.ToString()), ("@t", cert.Type.ToWire()),
            ("@cn", cert.CommonName), ("@s", cert.SerialNumber), ("@ca", cert.Ca), ("@e", cert.ExpiryTime), ("@h", cert.HashFunction),
            ("@k", cert.KeySize), ("@p", cert.PublicCertificate), ("@i", JsonSerializer.Serialize(cert.Intermediates)),
            ("@w", cert.WrappedPrivateKey), ("@f", cert.KeyFingerprint), ("@c", created));

    public static Task DeleteAsync(DbConnection c, DbTransaction tx, Guid uuid, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "DELETE FROM certificates WHERE uuid = @u", ct, ("@u", uuid));

    private static StoredCertificate Read(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)), r.GetString(1), r.IsDBNull(2) ? null : Guid.Parse(r.GetString(2)), r.StringOrNull(3),
        CertificateTypes.Parse(r.GetString(4)), r.GetString(5), r.GetString(6), r.GetString(7), r.Time(8), r.GetString(9),
        Convert.ToInt32(r.GetValue(10), System.Globalization.CultureInfo.InvariantCulture), r.GetString(11),
        JsonSerializer.Deserialize<List<string>>(r.GetString(12)) ?? [], r.BytesOrNull(13), r.GetString(14));
}
