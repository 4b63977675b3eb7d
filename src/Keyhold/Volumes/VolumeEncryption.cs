using System.Data.Common;
using Keyhold.Ontap;
using Keyhold.Jobs;
using Keyhold.Storage;

namespace Keyhold.Volumes;

/// <summary>
/// Encrypting a volume and replacing its key, as jobs. Each stores the new key and the volume's new key ID in one
/// transaction that first checks the volume still has the key it had (so racing changes cannot lose a key);
/// a replaced key is destroyed only after that transaction has committed.
/// </summary>
public sealed class VolumeEncryption(IStore store, VolumeKeys keys, JobRunner jobs)
{
    /// <summary>What a PATCH asks of the encryption, refused before anything changes; null when nothing.</summary>
    public async Task<EncryptionChange?> PlanAsync(Volume volume, bool? enabled, bool rekey, CancellationToken ct)
    {
        if (enabled == false && volume.Encrypted)
        {
            throw OntapErrors.VolumeDecryptionUnsupported.With("encryption.enabled", volume.Name);
        }
        if (rekey && !volume.Encrypted)
        {
            throw OntapErrors.VolumeNotEncrypted.With("encryption.rekey", volume.Name);
        }
        var encrypt = enabled == true && !volume.Encrypted;
        if (!encrypt && !rekey)
        {
            return null;
        }
        var (km, keyStore) = await keys.ResolveAsync(volume.SvmUuid, volume.SvmName, ct);
        return new EncryptionChange(encrypt ? VolumeRules.Encrypting : VolumeRules.Rekeying, km, keyStore);
    }

    /// <summary>Jobs are described as the PATCH that started them, which is also how <see cref="InterruptedEncryption"/> finds the volume again.</summary>
    public const string JobPrefix = "PATCH " + Volume.Href;

    public static string JobDescription(Guid volume) => JobPrefix + volume;

    public Task<Job> StartAsync(Volume volume, EncryptionChange change, CancellationToken ct) =>
        jobs.StartAsync(JobDescription(volume.Uuid), async t =>
        {
            try
            {
                return change.State == VolumeRules.Encrypting ? await EncryptAsync(volume, change, t) : await RekeyAsync(volume, change, t);
            }
            catch
            {
                await SettleStateAsync(volume.Uuid);
                throw;
            }
        }, ct, volume.SvmUuid);

    private async Task<string> EncryptAsync(Volume volume, EncryptionChange change, CancellationToken ct)
    {
        await keys.CreateAsync(volume, change.KeyManager, change.Store, async (c, tx, key, t) =>
        {
            var current = await VolumeRepository.FindAsync(c, tx, volume.Uuid, t) ?? throw OntapErrors.EntryNotFound.With("uuid");
            if (current.KeyId is not null)
            {
                throw OntapErrors.VolumeChanged.With("encryption.enabled", current.Name);
            }
            var stored = current with { KeyId = key.KeyId, EncryptionState = VolumeRules.Encrypted };
            await VolumeRepository.UpdateAsync(c, tx, stored, t);
            return stored;
        }, ct);
        return $"Volume \"{volume.Name}\" is encrypted.";
    }

    private async Task<string> RekeyAsync(Volume volume, EncryptionChange change, CancellationToken ct)
    {
        var oldKeyId = volume.KeyId ?? throw OntapErrors.VolumeNotEncrypted.With("encryption.rekey", volume.Name);
        (Keys.DataKey, string)? replaced = null;
        await keys.CreateAsync(volume, change.KeyManager, change.Store, async (c, tx, key, t) =>
        {
            var current = await VolumeRepository.FindAsync(c, tx, volume.Uuid, t) ?? throw OntapErrors.EntryNotFound.With("uuid");
            if (current.KeyId != oldKeyId)
            {
                throw OntapErrors.VolumeChanged.With("encryption.rekey", current.Name);
            }
            var stored = current with { KeyId = key.KeyId, EncryptionState = VolumeRules.Encrypted };
            await VolumeRepository.UpdateAsync(c, tx, stored, t);
            replaced = await VolumeKeys.DeleteAsync(c, tx, oldKeyId, t);
            return stored;
        }, ct);
        await keys.DestroyAsync(replaced);
        return $"Volume \"{volume.Name}\" has a new key.";
    }

    /// <summary>After a failed job: the volume shows the state its key gives it, not "encrypting" or "rekeying".</summary>
    private Task SettleStateAsync(Guid uuid) =>
        store.WriteAsync((c, tx, t) => SettleAsync(c, tx, uuid, t), CancellationToken.None);

    /// <summary>Encrypted when the volume has a key, else unencrypted, if a job left it encrypting or rekeying.</summary>
    public static async Task<int> SettleAsync(DbConnection c, DbTransaction tx, Guid uuid, CancellationToken ct)
    {
        if (await VolumeRepository.FindAsync(c, tx, uuid, ct) is { EncryptionState: VolumeRules.Encrypting or VolumeRules.Rekeying } v)
        {
            await VolumeRepository.UpdateAsync(c, tx, v with { EncryptionState = v.Encrypted ? VolumeRules.Encrypted : VolumeRules.Unencrypted }, ct);
            return 1;
        }
        return 0;
    }
}
