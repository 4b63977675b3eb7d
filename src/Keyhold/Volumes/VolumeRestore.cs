using System.Data.Common;
using Keyhold.Ontap;
using Keyhold.Cluster;

namespace Keyhold.Volumes;

/// <summary>
/// Re-attaches a volume to its recovered key from the consumer record the backup carries. The SVM is found by
/// uuid, else by name, else made again. The record is not authenticated by the backup's wraps, so it is checked
/// like a request: a record that breaks the rules means a damaged backup.
/// </summary>
public static class VolumeRestore
{
    public static async Task<Volume> AttachAsync(DbConnection c, DbTransaction tx, VolumeKeyMetadata consumer, string keyId, CancellationToken ct,
        TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        string name;
        try
        {
            name = VolumeRules.Name(consumer.VolumeName);
            VolumeRules.Size(consumer.Size);
            VolumeRules.State(consumer.State);
        }
        catch (OntapException)
        {
            throw OntapErrors.BackupInvalid.With("onboard.key_backup");
        }
        if (consumer.SvmName.Length is 0 or > 47)
        {
            throw OntapErrors.BackupInvalid.With("onboard.key_backup");
        }
        var svm = await SvmRepository.FindAsync(c, tx, consumer.Svm, ct) ?? await SvmRepository.FindByNameAsync(c, tx, consumer.SvmName, ct);
        if (svm is null)
        {
            svm = new Svm(consumer.Svm, consumer.SvmName, Svm.Running);
            await SvmRepository.InsertAsync(c, tx, svm, now, ct);
        }
        if (await VolumeRepository.FindAsync(c, tx, consumer.Volume, ct) is not null
            || await VolumeRepository.FindByNameAsync(c, tx, svm.Uuid, name, ct) is not null)
        {
            throw OntapErrors.RecoveryConflict.With("onboard.key_backup", "volume", name);
        }
        var volume = new Volume(consumer.Volume, svm.Uuid, svm.Name, name, consumer.Size, consumer.State, VolumeRules.Encrypted, keyId);
        await VolumeRepository.InsertAsync(c, tx, volume, now, ct);
        return volume;
    }
}
