using Keyhold.External;
using Keyhold.Jobs;
using Keyhold.KeyManagers;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Storage;
using Keyhold.Storage.Query;

namespace Keyhold.Keystores;

/// <summary>
/// /api/security/key-stores: reads every configuration with its state, enables or switches (a job, <see cref="KeystoreSwitch"/>),
/// and deletes inactive configurations. Requests are refused before anything changes.
/// </summary>
public sealed class KeystoreService(
    IStore store,
    KeyManagerRepository managers,
    RootKeyCache rootKeys,
    ExternalService external,
    KmipProbe probe,
    KeystoreSwitch switcher,
    ConfigurationDeletion deletion,
    JobRunner jobs,
    OnboardKeyCap cap)
{
    public async Task<List<Keystore>> QueryAsync(SqlPlan plan, CancellationToken ct)
    {
        var configs = await managers.QueryAsync(plan, ct);
        var switching = await SwitchingScopesAsync(ct);
        var all = new List<Keystore>(configs.Count);
        foreach (var config in configs)
        {
            all.Add(await ViewAsync(config, switching, ct));
        }
        return all;
    }

    /// <summary>One configuration by key-store uuid; 65538908 when the text is no uuid, or no configuration has it.</summary>
    public async Task<Keystore> GetAsync(string uuid, CancellationToken ct) =>
        await ViewAsync(await FindAsync(uuid, OntapErrors.KeystoreNotFound, ct), await SwitchingScopesAsync(ct), ct);

    public async Task<KeyManager> FindAsync(string uuid, OntapError notFound, CancellationToken ct) =>
        (Guid.TryParse(uuid, out var id) ? await managers.FindAsync(id, ct) : null) ?? throw notFound.With("uuid");

    /// <summary>
    /// PATCH {"enabled": true}: every check that needs no job first (the body, the pair of configurations, their key
    /// servers), then the job. Which SVM the job belongs to is the configuration's, so its administrators follow it.
    /// </summary>
    public async Task<Job> EnableAsync(KeyManager target, bool? enabled, CancellationToken ct)
    {
        if (enabled is null)
        {
            throw OntapErrors.KeystoreEnabledRequired.With("enabled");
        }
        if (enabled == false)
        {
            throw OntapErrors.KeystoreDisableNotSupported.With("enabled");
        }
        if (target.Enabled)
        {
            throw OntapErrors.KeystoreAlreadyEnabled.With("enabled");
        }
        var source = await store.ReadAsync((c, t) => KeyManagerRepository.FindByScopeAsync(c, null, target.SvmUuid, t), ct);
        if (source is not null)
        {
            // The admin SVM switches between onboard and external only (ONTAP 9.16.1); an SVM has only external ones.
            if (source.SvmUuid is null && source.Kind == target.Kind)
            {
                throw OntapErrors.KeystoreSwitchTypes.With("uuid");
            }
            // The onboard key manager has no policy (ONTAP ignores one given for it), so the external one's would be lost.
            if (source.Policy is not null && target.Kind == KeyManager.Onboard)
            {
                throw OntapErrors.KeystoreSwitchToOnboardWithPolicy.With("uuid");
            }
            if (OnboardAuthKeys.Applies(source, target))
            {
                await OnboardAuthKeysFitAsync(source, ct);
            }
            // Every key of the source moves: into onboard they must fit under its key cap (docs/key-backup.md).
            await store.ReadAsync(async (c, t) =>
            {
                await cap.EnsureRoomForAsync(c, null, target, await DataKeyRepository.CountAsync(c, null, source.Uuid, t), t);
                return 0;
            }, ct);
            if (await StateAsync(source, [], ct) != Keystore.Active)
            {
                throw OntapErrors.KeystoreNotActive.With("uuid");
            }
            await ReachableAsync(source, ct);
        }
        // An external configuration whose last key server was removed could hold no key (a probe of no servers passes).
        if (target.Kind == KeyManager.External && (await external.LoadAsync(target, ct)).Servers.Count == 0)
        {
            throw OntapErrors.KeystoreNoKeyServers.With("uuid");
        }
        await ReachableAsync(target, ct);
        return await jobs.StartAsync(SwitchJobs.Description(target.Uuid), t => switcher.RunAsync(target.Uuid, t), ct, target.SvmUuid);
    }

    /// <summary>DELETE: an inactive configuration, with its wrapped root key or key servers, in one transaction (<see cref="ConfigurationDeletion"/>).</summary>
    public Task DeleteAsync(KeyManager config, CancellationToken ct) => deletion.DeleteAsync(config.Uuid, ConfigurationDeletion.Door.KeyStores, ct);

    /// <summary>The NSE-AKs that would move to onboard (<see cref="OnboardAuthKeys"/>), counted before the job starts.</summary>
    private async Task OnboardAuthKeysFitAsync(KeyManager source, CancellationToken ct) =>
        OnboardAuthKeys.Check(await store.ReadAsync((c, t) => DataKeyRepository.CountOfTypeAsync(c, null, source.Uuid, AuthKeyTypes.NseAk, t), ct));

    /// <summary>65536987 unless every key server of an external configuration answers (TLS and Discover Versions).</summary>
    private async Task ReachableAsync(KeyManager config, CancellationToken ct)
    {
        if (config.Kind != KeyManager.External)
        {
            return;
        }
        var servers = await external.LoadAsync(config, ct);
        using var identity = await external.IdentityAsync(servers, ct);
        try
        {
            await probe.VerifyAllAsync(identity, servers.Servers, "uuid", ct);
        }
        catch (OntapException)
        {
            throw OntapErrors.KeystoreServersUnavailable.With("uuid");
        }
    }

    private async Task<Keystore> ViewAsync(KeyManager config, HashSet<string> switching, CancellationToken ct) =>
        new(config, config.Enabled ? await StateAsync(config, switching, ct) : null);

    // switching while a switch job of its scope runs; blocked when this node cannot serve its keys (an onboard root key
    // it holds no copy of: synchronize the node); else active.
    private async Task<string> StateAsync(KeyManager config, HashSet<string> switching, CancellationToken ct)
    {
        if (switching.Contains(KeyManager.ScopeOf(config.SvmUuid)))
        {
            return Keystore.Switching;
        }
        if (config.Kind == KeyManager.Onboard && await rootKeys.GetAsync(config.Uuid, ct) is null)
        {
            return Keystore.Blocked;
        }
        return Keystore.Active;
    }

    private Task<HashSet<string>> SwitchingScopesAsync(CancellationToken ct) =>
        store.ReadAsync(async (c, t) =>
        {
            var scopes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var target in await SwitchJobs.TargetsAsync(c, null, t))
            {
                if (await KeyManagerRepository.FindAsync(c, null, target, t) is { } config)
                {
                    scopes.Add(KeyManager.ScopeOf(config.SvmUuid));
                }
            }
            return scopes;
        }, ct);
}
