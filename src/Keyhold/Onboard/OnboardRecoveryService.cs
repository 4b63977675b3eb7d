using System.Security.Cryptography;
using Keyhold.Keys;
using Keyhold.Ontap;
using Keyhold.Cluster;
using Keyhold.Storage;
using Keyhold.Volumes;

namespace Keyhold.Onboard;

/// <summary>
/// Rebuilds the onboard hierarchy from a key_backup and its passphrase on a cluster without a cluster key manager
/// (a fresh install): the backup's KDF parameters, wrapped root key and wrapped keys are stored unchanged, the root key
/// is sealed to every node, and volumes are re-attached from the keys' consumer records. Every key is proven to
/// unwrap first, and everything lands in one transaction, so a bad backup or passphrase changes nothing.
/// </summary>
/// <remarks>Through the API, guesses share the <see cref="PassphraseAttemptLimiter"/> with PATCH; offline (no limiter) they do not.</remarks>
public sealed class OnboardRecoveryService(IStore store, ClusterRepository cluster, TimeProvider clock, PassphraseAttemptLimiter? limiter = null, IEnumerable<IBackupParticipant>? participants = null)
{
    /// <summary>Opens a backup; wrong passphrase 65536139, damaged backup or key 65537420. Dispose the result.</summary>
    public static RecoveredHierarchy Open(string backup, string passphrase, PassphraseAttemptLimiter? limiter = null)
    {
        try
        {
            return limiter is null
                ? OnboardRecovery.Recover(backup, passphrase)
                : limiter.Attempt(PassphraseAttemptLimiter.CurrentClient, () => OnboardRecovery.Recover(backup, passphrase));
        }
        catch (WrongPassphraseException)
        {
            throw OntapErrors.PassphraseIncorrect.With("onboard.passphrase");
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw OntapErrors.BackupInvalid.With("onboard.key_backup");
        }
    }

    public async Task<RecoveryResult> RecoverAsync(string backup, string passphrase, CancellationToken ct)
    {
        using var hierarchy = Open(backup, passphrase, limiter);
        return await RecoverAsync(hierarchy, ct);
    }

    public async Task<RecoveryResult> RecoverAsync(RecoveredHierarchy hierarchy, CancellationToken ct)
    {
        var nodes = await cluster.NodesAsync(ct);
        var km = new KeyManager(Guid.NewGuid(), null, null, KeyManager.Onboard, false, clock.GetUtcNow());
        var root = hierarchy.RootKey;
        var volumes = await store.WriteAsync(async (c, tx, t) =>
        {
            if (await KeyManagerRepository.FindByScopeAsync(c, tx, null, t) is { } existing)
            {
                throw (existing.Kind == KeyManager.Onboard ? OntapErrors.OnboardAlreadyConfigured : OntapErrors.KeyServersAlreadyConfigured).With();
            }
            await KeyManagerRepository.InsertAsync(c, tx, km, t);
            await OnboardRepository.SaveAsync(c, tx,
                new OnboardState(km.Uuid, hierarchy.Backup.Kdf, hierarchy.Backup.WrappedRootKey, root.Fingerprint, km.Created), t);
            foreach (var node in nodes)
            {
                await OnboardRepository.SaveSealAsync(c, tx, km.Uuid, node.Uuid, NodeKey.Seal(root, node.PublicKey, node.Uuid.ToString()), t);
            }
            var attached = 0;
            foreach (var key in hierarchy.Keys)
            {
                // Entries of features above Onboard (KMIP objects) go back to their owner, under the recovered key manager.
                if ((participants ?? []).FirstOrDefault(p => p.KeyType == key.KeyType) is { } participant)
                {
                    await participant.RestoreAsync(c, tx, km.Uuid, key, t);
                    continue;
                }
                if (await DataKeyRepository.FindAsync(c, tx, key.KeyId, t) is not null)
                {
                    throw OntapErrors.RecoveryConflict.With("onboard.key_backup", "key", key.KeyId);
                }
                var consumer = VolumeKeyMetadata.Read(key.Metadata);
                var volume = consumer is null ? null : await VolumeRestore.AttachAsync(c, tx, consumer, key.KeyId, t);
                var metadata = volume is null ? key.Metadata : VolumeKeyMetadata.Of(volume).MergeInto(key.Metadata);
                await DataKeyRepository.InsertAsync(c, tx, new DataKey(key.KeyId, km.Uuid, key.KeyType, volume?.SvmUuid, volume?.Name, key.Wrapped, metadata, km.Created), t);
                attached += volume is null ? 0 : 1;
            }
            return attached;
        }, ct);
        return new RecoveryResult(km, hierarchy.Keys.Count, volumes);
    }
}
