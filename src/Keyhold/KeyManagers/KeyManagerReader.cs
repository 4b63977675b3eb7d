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
    public async Task<FoundKeyManager?> FindAsync(Guid uuid, CancellationToken ct)
    {
        // The stamp before the read: a commit between the two makes the answer newer than its stamp, never older.
        var version = await store.ChangeStampAsync(ct);
        var km = await store.ReadAsync((c, t) => KeyManagerRepository.FindAsync(c, null, uuid, t), ct);
        return km is null ? null : new FoundKeyManager(km) { Version = version };
    }

    /// <summary>
    /// Like <see cref="FindAsync(Guid, CancellationToken)"/>; with <paramref name="withKeyBackup"/> (the caller will ask
    /// for key_backup and may read it), an onboard key manager's key_backup is refreshed inside the same read, when it
    /// can begin at once: one read transaction per GET instead of two (the per-request floor, docs/scaling.md).
    /// </summary>
    public async Task<FoundKeyManager?> FindAsync(Guid uuid, bool withKeyBackup, CancellationToken ct)
    {
        var refresh = withKeyBackup ? onboard.TryBeginBackup(uuid) : null;
        if (refresh is null)
        {
            return await FindAsync(uuid, ct);
        }
        var committed = false;
        try
        {
            var version = await store.ChangeStampAsync(ct);
            var km = await store.ReadAsync(async (c, t) =>
            {
                var row = await KeyManagerRepository.FindAsync(c, null, uuid, t);
                if (row is { Kind: KeyManager.Onboard })
                {
                    await onboard.RefreshBackupAsync(refresh, c, t);
                }
                return row;
            }, ct);
            committed = true;
            return km is null ? null : new FoundKeyManager(km) { KeyBackup = km.Kind == KeyManager.Onboard ? refresh : null, Version = version };
        }
        finally
        {
            onboard.EndBackup(refresh, committed);
        }
    }

    /// <summary>The record of a key manager found with <see cref="FindAsync(Guid, CancellationToken)"/>.</summary>
    public async Task<KeyManagerRecord> ReadAsync(FoundKeyManager found, KeyManagerParts parts, CancellationToken ct)
    {
        var record = await ReadAsync(found.Km, parts, found.KeyBackup, ct);
        // Current while the store's version stays the same only when nothing was read apart from the row's read: an
        // onboard record without status (node sync and MetroCluster checks read on their own), its key_backup, if asked
        // for, refreshed in that read.
        var inOneRead = found.Km.Kind == KeyManager.Onboard && record.Status is null && (!record.HasKeyBackup || found.KeyBackup is not null);
        return inOneRead ? record with { Version = found.Version } : record;
    }

    public Task<KeyManagerRecord> ReadAsync(KeyManager km, KeyManagerParts parts, CancellationToken ct) => ReadAsync(km, parts, null, ct);

    private async Task<KeyManagerRecord> ReadAsync(KeyManager km, KeyManagerParts parts, KeyBackupRefresh? refreshed, CancellationToken ct)
    {
        StreamedString? backup = null;
        ExternalRecord? config = null;
        var withBackup = parts.KeyBackup && km.Kind == KeyManager.Onboard;
        if (withBackup)
        {
            backup = refreshed is not null ? refreshed.Text : await onboard.BackupAsync(km.Uuid, ct);
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
