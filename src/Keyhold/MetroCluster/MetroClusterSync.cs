using Keyhold.Cluster;
using Keyhold.Keys;
using Keyhold.Ontap;
using Keyhold.Onboard;
using Keyhold.Storage;

namespace Keyhold.MetroCluster;

/// <summary>
/// The MetroCluster rules of the onboard key manager. POST with synchronize pulls the partner's hierarchy onto a cluster
/// without a key manager; PATCH with synchronize, on a MetroCluster, pulls it again (after a passphrase change or new keys
/// on the partner) and seals the root key to local nodes; a plain POST is refused while the partner already has one.
/// Every check that needs no partner comes first, and every change is one store transaction.
/// </summary>
public sealed class MetroClusterSync(
    PartnerClient partner,
    IStore store,
    ClusterRepository cluster,
    PassphraseAttemptLimiter limiter,
    TimeProvider clock,
    IEnumerable<IBackupParticipant> participants,
    IKeyManagerSettings? settings = null)
{
    public bool Configured => partner.Configured;

    /// <summary>POST onboard.synchronize: 65537240/65537241 for the body, 65537246 off a MetroCluster, 65537244 when configured here.</summary>
    public async Task<KeyManager> JoinAsync(string? passphrase, string? existingPassphrase, CancellationToken ct)
    {
        if (passphrase is null)
        {
            throw new OntapException(OntapErrors.PostSyncPassphraseRequired, "onboard.passphrase");
        }
        if (existingPassphrase is not null)
        {
            throw new OntapException(OntapErrors.PostSyncExistingPassphraseForbidden, "onboard.existing_passphrase");
        }
        if (!PassphrasePolicy.IsValid(passphrase))
        {
            throw new OntapException(OntapErrors.PassphraseLengthIncorrect, "onboard.passphrase");
        }
        if (!partner.Configured)
        {
            throw new OntapException(OntapErrors.SyncNotMetroCluster);
        }
        await ThrowIfCommonCriteriaAsync(ct);
        await store.ReadAsync(async (c, t) =>
        {
            await ThrowIfConfiguredAsync(c, null, t);
            return 0;
        }, ct);
        using var hierarchy = await OpenPartnerAsync(passphrase, "onboard.passphrase", ct);
        var nodes = await cluster.NodesAsync(ct);
        var km = new KeyManager(Guid.NewGuid(), null, null, KeyManager.Onboard, false, clock.GetUtcNow());
        await store.WriteAsync(async (c, tx, t) =>
        {
            await ThrowIfConfiguredAsync(c, tx, t);
            await KeyManagerRepository.InsertAsync(c, tx, km, t);
            return await PartnerHierarchy.ApplyAsync(c, tx, km.Uuid, hierarchy, nodes, KmipKeyTypes(), km.Created, t);
        }, ct);
        return km;
    }

    /// <summary>
    /// PATCH onboard.synchronize on a MetroCluster: the passphrase must open the partner's hierarchy, whose root key must be
    /// this cluster's (else 65537244). The write lands in the caller's transaction.
    /// </summary>
    public async Task<OnboardWrite> ResyncAsync(KeyManager km, string? existingPassphrase, string? passphrase, CancellationToken ct)
    {
        if (km.Kind != KeyManager.Onboard)
        {
            throw new OntapException(OntapErrors.OnboardNotEnabled, "onboard");
        }
        if (existingPassphrase is null)
        {
            throw new OntapException(OntapErrors.PatchSyncExistingPassphraseRequired, "onboard.existing_passphrase");
        }
        if (passphrase is not null)
        {
            throw new OntapException(OntapErrors.PatchSyncPassphraseForbidden, "onboard.passphrase");
        }
        await ThrowIfCommonCriteriaAsync(ct);
        var local = await store.ReadAsync((c, t) => OnboardRepository.FindAsync(c, null, km.Uuid, t), ct)
            ?? throw new OntapException(OntapErrors.OnboardNotEnabled, "onboard");
        var hierarchy = await OpenPartnerAsync(existingPassphrase, "onboard.existing_passphrase", ct);
        try
        {
            if (!string.Equals(hierarchy.RootKey.Fingerprint, local.RootFingerprint, StringComparison.Ordinal))
            {
                throw new OntapException(OntapErrors.SyncAlreadyConfigured);
            }
            var nodes = await cluster.NodesAsync(ct);
            var types = KmipKeyTypes();
            return new OnboardWrite((c, tx, t) => PartnerHierarchy.ApplyAsync(c, tx, km.Uuid, hierarchy, nodes, types, clock.GetUtcNow(), t), hierarchy);
        }
        catch
        {
            hierarchy.Dispose();
            throw;
        }
    }

    /// <summary>A plain POST onboard on a MetroCluster: refused while the partner has a key manager (65536906, 65536900).</summary>
    public async Task CheckOnboardCreateAsync(CancellationToken ct)
    {
        if (!partner.Configured)
        {
            return;
        }
        var theirs = await partner.ReadKeyManagerAsync(ct);
        if (theirs.Kind == PartnerKeyManagerKind.Onboard)
        {
            throw new OntapException(OntapErrors.OnboardConfiguredAtPartner);
        }
        if (theirs.Kind == PartnerKeyManagerKind.External)
        {
            throw new OntapException(OntapErrors.OnboardPartnerHasExternal);
        }
    }

    /// <summary>POST external on a MetroCluster: refused while the partner has the onboard key manager (65536895).</summary>
    public async Task CheckExternalCreateAsync(CancellationToken ct)
    {
        if (partner.Configured && (await partner.ReadKeyManagerAsync(ct)).Kind == PartnerKeyManagerKind.Onboard)
        {
            throw new OntapException(OntapErrors.ExternalPartnerHasOnboard);
        }
    }

    /// <summary>
    /// POST auth-keys of an external key manager on a MetroCluster: the partner must use external key management too
    /// (65536896), since a drive's authentication key must be found on either site's key servers after a switchover.
    /// </summary>
    public async Task CheckAuthKeyCreateAsync(CancellationToken ct)
    {
        if (partner.Configured && (await partner.ReadKeyManagerAsync(ct)).Kind != PartnerKeyManagerKind.External)
        {
            throw new OntapException(OntapErrors.AuthKeyPartnerNotExternal);
        }
    }

    /// <summary>The partner's hierarchy opened with <paramref name="passphrase"/>; guesses count against this client like any passphrase.</summary>
    private async Task<RecoveredHierarchy> OpenPartnerAsync(string passphrase, string target, CancellationToken ct)
    {
        var theirs = await partner.ReadKeyManagerAsync(ct);
        switch (theirs.Kind)
        {
            case PartnerKeyManagerKind.None:
                throw new OntapException(OntapErrors.SyncPartnerNotConfigured);
            case PartnerKeyManagerKind.External:
                throw new OntapException(OntapErrors.OnboardPartnerHasExternal);
        }
        try
        {
            return await Task.Run(() => OnboardRecoveryService.Open(theirs.KeyBackup!, passphrase, limiter), ct);
        }
        catch (OntapException e) when (e.Error == OntapErrors.PassphraseIncorrect)
        {
            throw new OntapException(OntapErrors.PassphraseIncorrect, target);
        }
        catch (OntapException e) when (e.Error == OntapErrors.BackupInvalid)
        {
            // The partner sent something that is not an intact hierarchy.
            throw new OntapException(OntapErrors.MetroClusterPeerUnhealthy);
        }
    }

    private static async Task ThrowIfConfiguredAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, CancellationToken ct)
    {
        if (await KeyManagerRepository.FindByScopeAsync(c, tx, null, ct) is not null)
        {
            throw new OntapException(OntapErrors.SyncAlreadyConfigured);
        }
    }

    /// <summary>
    /// ONTAP: "MetroCluster cannot be configured while in Common Criteria mode" (65536807), and its documentation asks for
    /// the passphrase at boot in CC mode "except in MetroCluster": the partner sync is refused while CC mode is on.
    /// </summary>
    private async Task ThrowIfCommonCriteriaAsync(CancellationToken ct)
    {
        if (settings is not null && (await settings.GetAsync(ct)).CommonCriteria)
        {
            throw new OntapException(OntapErrors.MetroClusterInCcMode, "onboard.synchronize");
        }
    }

    private HashSet<string> KmipKeyTypes() => [.. participants.Select(p => p.KeyType)];
}
