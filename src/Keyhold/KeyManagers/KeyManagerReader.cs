using Keyhold.External;
using Keyhold.Keys;
using Keyhold.MetroCluster;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.KeyManagers;

/// <summary>Reads key manager records; costly parts (key_backup, status) only when the caller asks for them.</summary>
public sealed class KeyManagerReader(OnboardService onboard, ExternalService external, IStore store, MetroClusterStatus metroCluster)
{
    /// <summary>For a GET of one key manager: its row; null when there is no such key manager. Pass the result to <see cref="ReadAsync(FoundKeyManager, KeyManagerParts, CancellationToken)"/>.</summary>
    public async Task<FoundKeyManager?> FindAsync(Guid uuid, CancellationToken ct) =>
        await store.ReadAsync((c, t) => KeyManagerRepository.FindAsync(c, null, uuid, t), ct) is { } km ? new FoundKeyManager(km) : null;

    /// <summary>The record of a key manager found with <see cref="FindAsync"/>.</summary>
    public Task<KeyManagerRecord> ReadAsync(FoundKeyManager found, KeyManagerParts parts, CancellationToken ct) => ReadAsync(found.Km, parts, ct);

    public async Task<KeyManagerRecord> ReadAsync(KeyManager km, KeyManagerParts parts, CancellationToken ct)
    {
        StreamedString? backup = null;
        ExternalRecord? config = null;
        var withBackup = parts.KeyBackup && km.Kind == KeyManager.Onboard;
        if (withBackup)
        {
            backup = await onboard.BackupAsync(km.Uuid, ct);
        }
        else if (km.Kind != KeyManager.Onboard)
        {
            config = await external.DescribeAsync(km, parts.Connectivity && km.Enabled, ct);
        }
        // status (and connectivity) are "unavailable for inactive configurations as they are only relevant to active configurations" (ONTAP 9.16.1).
        var status = parts.Status && km.Enabled ? await StatusAsync(km, config, ct) : null;
        return new KeyManagerRecord(km, withBackup, backup, config, status);
    }

    private async Task<KeyManagerHealth> StatusAsync(KeyManager km, ExternalRecord? config, CancellationToken ct)
    {
        if (km.Kind == KeyManager.Onboard)
        {
            var missing = await onboard.UnsynchronizedNodesAsync(km.Uuid, ct);
            if (missing.Count > 0)
            {
                return new KeyManagerHealth(KeyManagerStatus.OnboardNotSynchronized,
                    $"The Onboard Key Manager is not synchronized on node(s): {string.Join(", ", missing.Select(n => n.Name))}. Synchronize it with PATCH onboard.synchronize and onboard.existing_passphrase.");
            }
            // The cluster key manager of a MetroCluster site must hold its partner's hierarchy (346758 until it does).
            return km.SvmUuid is null && await metroCluster.CheckAsync(km.Uuid, ct) is { } partner
                ? new KeyManagerHealth(partner.Code, partner.Message)
                : new KeyManagerHealth(0, KeyManagerStatus.Ok);
        }
        // 0 when every node that is up reaches every server (by the monitors' last probes); else, per node, the servers it cannot reach.
        var down = config is null ? [] : await external.UnreachableAsync(km, ct);
        if (down.Count == 0)
        {
            return new KeyManagerHealth(0, KeyManagerStatus.Ok);
        }
        return new KeyManagerHealth(KeyManagerStatus.KeyServersUnavailable, string.Join(" ", down.Select(d =>
            $"Key servers not available from node {d.Node}: {string.Join(", ", d.Servers.Select(s => $"{s.Server} ({s.State})"))}.")));
    }
}
