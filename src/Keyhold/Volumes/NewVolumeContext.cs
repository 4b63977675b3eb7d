using System.Data.Common;
using Keyhold.Cluster;
using Keyhold.Keys;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.Volumes;

/// <summary>
/// What a volume POST must know before it makes a key: the SVM it names, whether the name is taken there, and the SVM's
/// effective key manager. Read by one statement, so on PostgreSQL it costs one round trip rather than three (under load
/// every round trip waits for both processes to be scheduled again). The write checks the SVM and the key manager again
/// inside its transaction; the name is kept by the store's UNIQUE (svm_uuid, name).
/// </summary>
public sealed record NewVolumeContext(Svm Svm, bool NameTaken, KeyManager? Effective)
{
    private const string Select =
        "SELECT s.uuid, s.name, s.state, s.attributes, " +
        "(SELECT COUNT(*) FROM volumes v WHERE v.svm_uuid = s.uuid AND v.name = @vn), " +
        "km.uuid, km.svm_uuid, ks.name, km.kind, km.dare_disabled, km.created, km.scope_key " +
        "FROM svms s LEFT JOIN key_managers km ON km.uuid = ";

    private static readonly string ByUuid = Select + EffectiveKeyManager.UuidSql("s.uuid") + " LEFT JOIN svms ks ON ks.uuid = km.svm_uuid WHERE s.uuid = @s";
    private static readonly string ByName = Select + EffectiveKeyManager.UuidSql("s.uuid") + " LEFT JOIN svms ks ON ks.uuid = km.svm_uuid WHERE s.name = @s";

    /// <summary>For the SVM a POST names by svm.uuid and/or svm.name (both must name the same one).</summary>
    public static async Task<NewVolumeContext> ReadAsync(DbConnection c, string? svmUuid, string? svmName, string volumeName, CancellationToken ct)
    {
        if (svmUuid is not null)
        {
            var found = Guid.TryParse(svmUuid, out var uuid) ? await FindAsync(c, ByUuid, uuid.ToString(), volumeName, ct) : null;
            return found is not null && (svmName is null || svmName == found.Svm.Name) ? found : throw OntapErrors.SvmNotFound.With("svm.uuid", svmUuid);
        }
        if (svmName is null)
        {
            throw OntapErrors.MissingField.With("svm.name", "svm.name");
        }
        return await FindAsync(c, ByName, svmName, volumeName, ct) ?? throw OntapErrors.SvmNotFound.With("svm.name", svmName);
    }

    private static Task<NewVolumeContext?> FindAsync(DbConnection c, string sql, string svm, string volumeName, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, null, sql, r => new NewVolumeContext(
            SvmRepository.Read(r),
            Convert.ToInt64(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture) > 0,
            r.IsDBNull(5) ? null : KeyManagerRepository.ReadAt(r, 5)), ct, ("@s", svm), ("@vn", volumeName));
}
