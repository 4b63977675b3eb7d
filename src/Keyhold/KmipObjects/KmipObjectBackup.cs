using System.Data.Common;
using System.Text.Json;
using Keyhold.Kmip;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.KmipObjects;

/// <summary>
/// KMIP objects in the onboard key_backup: each object with material is one entry (its wrapped object as stored, bound to
/// its UID and the KMIP purpose) with its metadata as JSON, so onboard recovery brings the objects back, owners and
/// attributes included, under the recovered key manager. Templates carry no material and are not backed up.
/// </summary>
public sealed class KmipObjectBackup : IBackupParticipant
{
    public string KeyType => KmipObject.WrapPurpose;

    public async Task<IReadOnlyList<BackupKey>> ReadAsync(DbConnection c, Guid keyManager, CancellationToken ct)
    {
        var rows = await Db.QueryAsync(c, null,
            "SELECT uid, owner, object_type, state, attributes, wrapped, created, changed FROM kmip_objects WHERE key_manager_uuid = @k ORDER BY uid",
            r => new BackupKey(r.GetString(0), KeyType, (byte[])r.GetValue(5), JsonSerializer.Serialize(new Metadata(
                r.GetString(1), Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt32(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToBase64String((byte[])r.GetValue(4)), r.Time(6), r.Time(7)))),
            ct, ("@k", keyManager.ToString()));
        return rows;
    }

    public async Task RestoreAsync(DbConnection c, DbTransaction tx, Guid keyManager, BackupKey entry, CancellationToken ct)
    {
        Metadata m;
        KmipAttributeList attributes;
        try
        {
            m = JsonSerializer.Deserialize<Metadata>(entry.Metadata) ?? throw new FormatException("No KMIP object metadata.");
            attributes = KmipAttributeList.Decode(Convert.FromBase64String(m.Attributes));
        }
        catch (Exception e) when (e is JsonException or FormatException or KmipProtocolException or Kmip.Server.KmipFaultException)
        {
            throw OntapErrors.BackupInvalid.With("onboard.key_backup");
        }

        if (await KmipObjectRepository.FindAsync(c, tx, entry.KeyId, ct) is not null)
        {
            throw OntapErrors.RecoveryConflict.With("onboard.key_backup", "KMIP object", entry.KeyId);
        }

        await KmipObjectRepository.InsertAsync(c, tx, new KmipObject(entry.KeyId, m.Owner, (ObjectType)m.ObjectType, (KmipObjectState)m.State,
            attributes, entry.Wrapped, keyManager, m.Created, m.Changed), ct);
    }

    private sealed record Metadata(string Owner, int ObjectType, int State, string Attributes, DateTimeOffset Created, DateTimeOffset Changed);
}
