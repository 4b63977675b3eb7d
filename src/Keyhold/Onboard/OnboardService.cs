using System.Data.Common;
using System.Diagnostics.Metrics;
using Keyhold.Ontap;
using Keyhold.Cluster;
using Keyhold.Keys;
using Keyhold.Storage;
using Microsoft.Extensions.Options;

namespace Keyhold.Onboard;

/// <summary>
/// The onboard key manager's rules: enable, change the passphrase, synchronise nodes, back up.
/// Every change is one store transaction; the root key never leaves this process unwrapped.
/// </summary>
public sealed class OnboardService(
    IStore store,
    RootKeyCache rootKeys,
    ClusterRepository cluster,
    ClusterContext context,
    PassphraseAttemptLimiter limiter,
    IOptions<OnboardOptions> options,
    TimeProvider clock,
    IEnumerable<IBackupParticipant>? participants = null,
    IKeyManagerSettings? settings = null,
    IMeterFactory? meters = null)
{
    /// <summary>Each onboard key manager's key_backup, kept current in pieces (see <see cref="KeyBackupPieces"/>).</summary>
    private readonly KeyBackupPieces backups = new(store, participants, options.Value.KeyBackupKeepBytes, options.Value.KeyBackupIdle, meters);

    /// <summary>What keyhold_key_backup_held_bytes shows for this node (a test host's own figure: /metrics of a test process may mix hosts).</summary>
    internal long KeyBackupHeldBytes => backups.HeldBytes;

    /// <summary>key_backup refreshes run inside a GET's own read (<see cref="RefreshBackupAsync"/>).</summary>
    internal long KeyBackupRefreshesInRead => backups.RefreshesInRead;

    public async Task<KeyManager> EnableAsync(EnableOnboard command, CancellationToken ct)
    {
        var (svmUuid, passphrase, existingPassphrase, synchronize, inactive) = command;
        if (svmUuid is not null)
        {
            throw new OntapException(OntapErrors.OnboardOnlyAdminSvm);
        }
        if (synchronize)
        {
            // POST with synchronize pulls the hierarchy from a MetroCluster partner, which a Keyhold cluster never has.
            if (passphrase is null)
            {
                throw new OntapException(OntapErrors.PostSyncPassphraseRequired, "onboard.passphrase");
            }
            if (existingPassphrase is not null)
            {
                throw new OntapException(OntapErrors.PostSyncExistingPassphraseForbidden, "onboard.existing_passphrase");
            }
        }
        else if (existingPassphrase is not null)
        {
            throw new OntapException(OntapErrors.PostSyncExistingPassphraseForbidden, "onboard.existing_passphrase");
        }
        if (passphrase is null || !PassphrasePolicy.IsValid(passphrase))
        {
            throw new OntapException(OntapErrors.PassphraseLengthIncorrect, "onboard.passphrase");
        }
        await ThrowIfShortForCommonCriteriaAsync(passphrase, ct);
        // Cheap checks before the KDF: a second POST must not cost 600,000 iterations. The write checks again, for a race.
        await store.ReadAsync(async (c, t) =>
        {
            await ThrowIfConfiguredAsync(c, null, synchronize, inactive, t);
            return 0;
        }, ct);
        var nodes = await cluster.NodesAsync(ct);
        using var secrets = RootKeyWrapping.Create(passphrase, options.Value.KdfIterations);
        var km = new KeyManager(Guid.NewGuid(), null, null, KeyManager.Onboard, false, clock.GetUtcNow(), Enabled: !inactive);
        await store.WriteAsync(async (c, tx, t) =>
        {
            await ThrowIfConfiguredAsync(c, tx, synchronize, inactive, t);
            await KeyManagerRepository.InsertAsync(c, tx, km, t);
            await OnboardRepository.SaveAsync(c, tx, new OnboardState(km.Uuid, secrets.Kdf, secrets.WrappedRootKey, secrets.RootKey.Fingerprint, km.Created), t);
            foreach (var node in nodes)
            {
                var sealedRoot = NodeKey.Seal(secrets.RootKey, node.PublicKey, node.Uuid.ToString());
                await OnboardRepository.SaveSealAsync(c, tx, km.Uuid, node.Uuid, sealedRoot, t);
            }
            return 0;
        }, ct);
        return km;
    }

    // An inactive configuration may stand beside an enabled external one (to switch to it), never beside an enabled
    // onboard one; and one inactive onboard configuration at most, which also blocks enabling a second (65539520).
    private static async Task ThrowIfConfiguredAsync(DbConnection c, DbTransaction? tx, bool synchronize, bool inactive, CancellationToken ct)
    {
        var existing = await KeyManagerRepository.FindByScopeAsync(c, tx, null, ct);
        if (existing is not null && (!inactive || existing.Kind == KeyManager.Onboard))
        {
            throw new OntapException(existing.Kind == KeyManager.Onboard ? OntapErrors.OnboardAlreadyConfigured : OntapErrors.KeyServersAlreadyConfigured);
        }
        if (await KeyManagerRepository.FindInactiveAsync(c, tx, null, KeyManager.Onboard, ct) is not null)
        {
            throw new OntapException(OntapErrors.InactiveOnboardExists);
        }
        if (synchronize)
        {
            throw new OntapException(OntapErrors.SyncNotMetroCluster);
        }
    }

    /// <summary>PATCH onboard on its own: a passphrase change or a synchronize, in one transaction.</summary>
    public async Task ModifyAsync(KeyManager km, ChangeOnboard command, CancellationToken ct)
    {
        using var write = await PrepareAsync(km, command, ct);
        await store.WriteAsync(async (c, tx, t) =>
        {
            await write.ApplyAsync(c, tx, t);
            return 0;
        }, ct);
    }

    /// <summary>
    /// Checks a PATCH onboard and does its costly part (passphrase verification, KDF) outside any transaction; the
    /// returned write lands inside the caller's transaction, with the key manager's other changes.
    /// </summary>
    public async Task<OnboardWrite> PrepareAsync(KeyManager km, ChangeOnboard command, CancellationToken ct)
    {
        var (existingPassphrase, passphrase, synchronize) = command;
        if (km.Kind != KeyManager.Onboard)
        {
            throw new OntapException(OntapErrors.OnboardNotEnabled, "onboard");
        }
        if (synchronize)
        {
            if (existingPassphrase is null)
            {
                throw new OntapException(OntapErrors.PatchSyncExistingPassphraseRequired, "onboard.existing_passphrase");
            }
            if (passphrase is not null)
            {
                throw new OntapException(OntapErrors.PatchSyncPassphraseForbidden, "onboard.passphrase");
            }
            return await PrepareSynchronizeAsync(km, existingPassphrase, ct);
        }
        if (existingPassphrase is null || passphrase is null)
        {
            throw new OntapException(OntapErrors.PassphraseBothRequired, existingPassphrase is null ? "onboard.existing_passphrase" : "onboard.passphrase");
        }
        if (!PassphrasePolicy.IsValid(passphrase))
        {
            throw new OntapException(OntapErrors.PassphraseLengthMismatch, "onboard.passphrase");
        }
        var state = await VerifyAsync(km, existingPassphrase, ct);
        using var root = state.Root;
        // After the passphrase check, not before: a store read ahead of the limiter would let a burst of guesses reach it
        // spread out, past its delay. The KDF has run by now either way for a caller who knows the passphrase.
        await ThrowIfShortForCommonCriteriaAsync(passphrase, ct);
        if (string.Equals(existingPassphrase, passphrase, StringComparison.Ordinal))
        {
            throw new OntapException(OntapErrors.PassphraseSameAsOld, "onboard.passphrase");
        }
        var (kdf, wrapped) = RootKeyWrapping.Rewrap(root, passphrase, options.Value.KdfIterations);
        var changed = state.State with { Kdf = kdf, WrappedRootKey = wrapped, Changed = clock.GetUtcNow() };
        // Only the wrap of the root key changes; data keys stay wrapped under the same root key.
        return new OnboardWrite((c, tx, t) => OnboardRepository.SaveAsync(c, tx, changed, t), null);
    }

    /// <summary>Seals a copy of the root key to every node that lacks one.</summary>
    private async Task<OnboardWrite> PrepareSynchronizeAsync(KeyManager km, string existingPassphrase, CancellationToken ct)
    {
        var (_, root) = await VerifyAsync(km, existingPassphrase, ct);
        try
        {
            var nodes = await cluster.NodesAsync(ct);
            return new OnboardWrite(async (c, tx, t) =>
            {
                var sealedNodes = (await OnboardRepository.SealsAsync(c, tx, km.Uuid, t)).Select(s => s.Node).ToHashSet();
                foreach (var node in nodes.Where(n => !sealedNodes.Contains(n.Uuid)))
                {
                    await OnboardRepository.SaveSealAsync(c, tx, km.Uuid, node.Uuid, NodeKey.Seal(root, node.PublicKey, node.Uuid.ToString()), t);
                }
            }, root);
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>In Common Criteria mode a new passphrase is 64..256 characters (65536802), checked before any KDF runs.</summary>
    private async Task ThrowIfShortForCommonCriteriaAsync(string passphrase, CancellationToken ct)
    {
        if (settings is not null && !PassphrasePolicy.IsValid(passphrase, cc: true) && (await settings.GetAsync(ct)).CommonCriteria)
        {
            throw new OntapException(OntapErrors.PassphraseLengthCcMode, "onboard.passphrase");
        }
    }

    /// <summary>
    /// Checks <paramref name="passphrase"/> against the onboard key manager's, as a passphrase change does (KDF behind the
    /// per-client limiter): 65536139 with <paramref name="target"/> when it is wrong. Nothing is kept.
    /// </summary>
    public async Task VerifyPassphraseAsync(KeyManager km, string passphrase, string target, CancellationToken ct)
    {
        var (_, root) = await VerifyAsync(km, passphrase, ct, target);
        root.Dispose();
    }

    private async Task<(OnboardState State, RootKey Root)> VerifyAsync(KeyManager km, string existingPassphrase, CancellationToken ct,
        string target = "onboard.existing_passphrase")
    {
        var state = await store.ReadAsync((c, t) => OnboardRepository.FindAsync(c, null, km.Uuid, t), ct)
            ?? throw new OntapException(OntapErrors.OnboardNotEnabled, "onboard");
        try
        {
            // The KDF is costly and synchronous; the limiter refuses before it when this client must wait.
            var client = PassphraseAttemptLimiter.CurrentClient;
            var root = await Task.Run(() => limiter.Attempt(client, () => RootKeyWrapping.Unwrap(existingPassphrase, state.Kdf, state.WrappedRootKey)), ct);
            return (state, root);
        }
        catch (WrongPassphraseException)
        {
            throw new OntapException(OntapErrors.PassphraseIncorrect, target);
        }
    }

    /// <summary>
    /// The key_backup: KDF parameters, wrapped root key and every wrapped data key (and the participants' entries),
    /// armoured as it is written out (<see cref="StreamedString.ToString"/> gives the whole text); null when
    /// <paramref name="keyManager"/> is not onboard. Only what changed since the last call is read and encoded again;
    /// unchanged, it is the very same object.
    /// </summary>
    public async Task<StreamedString?> BackupAsync(Guid keyManager, CancellationToken ct) => await backups.GetAsync(keyManager, context.Cluster.Uuid.ToString(), ct);

    /// <summary>
    /// Begins a key_backup refresh to run on a read the caller has open (see <see cref="KeyBackupRefresh"/>); null when
    /// it cannot begin at once: then <see cref="BackupAsync"/>. Ended by <see cref="EndBackup"/>, always.
    /// </summary>
    public KeyBackupRefresh? TryBeginBackup(Guid keyManager) => backups.TryBegin(keyManager);

    /// <summary>Runs a refresh begun by <see cref="TryBeginBackup"/> on <paramref name="c"/>, inside the caller's read.</summary>
    public async Task<StreamedString?> RefreshBackupAsync(KeyBackupRefresh refresh, DbConnection c, CancellationToken ct) =>
        await backups.RunAsync(refresh, c, context.Cluster.Uuid.ToString(), ct);

    /// <summary>Ends a refresh begun by <see cref="TryBeginBackup"/>: its text is kept for later GETs only when <paramref name="committed"/>.</summary>
    public void EndBackup(KeyBackupRefresh refresh, bool committed) => backups.End(refresh, committed);

    /// <summary>Nodes without a sealed root key copy; empty when the hierarchy is on every node.</summary>
    public async Task<List<NodeRecord>> UnsynchronizedNodesAsync(Guid keyManager, CancellationToken ct)
    {
        var nodes = await cluster.NodesAsync(ct);
        var seals = await store.ReadAsync((c, t) => OnboardRepository.SealsAsync(c, null, keyManager, t), ct);
        var sealedNodes = seals.Select(s => s.Node).ToHashSet();
        return nodes.Where(n => !sealedNodes.Contains(n.Uuid)).ToList();
    }

    public void Forget(Guid keyManager)
    {
        rootKeys.Forget(keyManager);
        backups.Forget(keyManager);
    }
}
