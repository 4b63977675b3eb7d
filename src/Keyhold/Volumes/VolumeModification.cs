using Keyhold.Ontap;
using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.Volumes;

/// <summary>
/// PATCH of a volume. Every field is checked before anything changes; name, size, state and the stored attributes change
/// at once (and the key's consumer record with them); encrypting or rekeying marks the volume and runs as a job.
/// </summary>
public sealed class VolumeModification(IStore store, VolumeService volumes, VolumeEncryption encryption)
{
    public async Task<ModifiedVolume> ModifyAsync(ModifyVolume command, CancellationToken ct)
    {
        var volume = await volumes.FindAsync(command.Uuid, ct);
        var name = command.Name is { } n ? VolumeRules.Name(n) : null;
        var size = VolumeRules.Size(command.Size);
        var state = VolumeRules.State(command.State);
        var attributes = command.Attributes ?? AttributeEdit.None;
        attributes.Check();
        var change = await encryption.PlanAsync(volume, command.EncryptionEnabled, command.Rekey, ct);
        var stored = await store.WriteAsync(async (c, tx, t) =>
        {
            var current = await VolumeRepository.FindAsync(c, tx, volume.Uuid, t) ?? throw OntapErrors.EntryNotFound.With("uuid");
            var changed = current with
            {
                Name = name ?? current.Name,
                Size = size ?? current.Size,
                State = state ?? current.State,
                Attributes = attributes.ApplyTo(current.Attributes),
            };
            if (changed.Name != current.Name)
            {
                await VolumeService.EnsureNameFreeAsync(c, tx, current.SvmUuid, current.SvmName, changed.Name, t);
            }
            if (change is not null)
            {
                changed = changed with { EncryptionState = change.State };
            }
            await VolumeRepository.UpdateAsync(c, tx, changed, t);
            if (changed.KeyId is { } keyId && await DataKeyRepository.FindAsync(c, tx, keyId, t) is { } key)
            {
                await DataKeyRepository.UpdateConsumerAsync(c, tx, keyId, changed.Name, VolumeKeyMetadata.Of(changed).MergeInto(key.Metadata), t);
            }
            return changed;
        }, ct);
        return new ModifiedVolume(stored, change is null ? null : await encryption.StartAsync(stored, change, ct));
    }
}
