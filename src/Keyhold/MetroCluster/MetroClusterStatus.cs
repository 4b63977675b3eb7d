using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Storage;
using Microsoft.Extensions.Options;

namespace Keyhold.MetroCluster;

/// <summary>
/// Compares this cluster's onboard hierarchy with the MetroCluster partner's, for the key manager's status (an expensive
/// field, computed only when asked, bounded by the partner timeout). They are the same when the partner's key_backup
/// carries our KDF parameters and wrapped root key (same passphrase wrap) and the same onboard keys: the state a sync
/// leaves. Anything else (the partner never synced, a passphrase changed on one side, keys made on one side since) needs
/// the sync. Nothing is unwrapped: only wrapped bytes and key IDs are compared.
/// </summary>
public sealed class MetroClusterStatus(PartnerClient partner, IStore store, IOptions<MetroClusterOptions> options, IEnumerable<IBackupParticipant> participants)
{
    public bool Configured => partner.Configured;

    /// <summary>Null when this cluster has no partner or the partner holds this very hierarchy; else what status reports.</summary>
    public async Task<PartnerSyncStatus?> CheckAsync(Guid keyManager, CancellationToken ct)
    {
        if (!partner.Configured)
        {
            return null;
        }
        var (local, keys) = await store.ReadAsync(async (c, t) =>
            (await OnboardRepository.FindAsync(c, null, keyManager, t), await DataKeyRepository.ListAsync(c, null, keyManager, t)), ct);
        if (local is null)
        {
            return null;
        }
        PartnerKeyManager theirs;
        try
        {
            theirs = await partner.ReadKeyManagerAsync(ct);
        }
        catch (OntapException e) when (e.Error == OntapErrors.MetroClusterPeerUnhealthy)
        {
            return PartnerSyncStatus.Unreachable(options.Value.Timeout);
        }
        if (theirs.Kind != PartnerKeyManagerKind.Onboard)
        {
            return PartnerSyncStatus.Differs;
        }
        BackupContents contents;
        try
        {
            contents = BackupBlobReader.Read(BackupArmour.Unwrap(theirs.KeyBackup!));
        }
        catch (FormatException)
        {
            return PartnerSyncStatus.Unreachable(options.Value.Timeout);
        }
        // KMIP objects belong to the cluster whose KMIP server made them and never cross (docs/metrocluster.md).
        var kmip = participants.Select(p => p.KeyType).ToHashSet();
        var same = contents.Kdf.Equals(local.Kdf)
            && contents.WrappedRootKey.AsSpan().SequenceEqual(local.WrappedRootKey)
            && contents.Keys.Where(k => !kmip.Contains(k.KeyType)).Select(k => k.KeyId).ToHashSet().SetEquals(keys.Select(k => k.KeyId));
        return same ? null : PartnerSyncStatus.Differs;
    }
}
