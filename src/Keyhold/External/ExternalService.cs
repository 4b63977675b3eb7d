using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Certificates;
using Keyhold.Cluster;
using Keyhold.Keys;
using Keyhold.Storage;
using Microsoft.Extensions.Options;

namespace Keyhold.External;

/// <summary>
/// The external key manager's rules: enable, change certificates. Every change is verified against every key server
/// (mutual TLS + Discover Versions) before one store transaction records it.
/// </summary>
public sealed class ExternalService(
    IStore store,
    ExternalCertificates certificates,
    CertificateService certs,
    ClusterSecret secret,
    KmipProbe probe,
    ConnectivityCache connectivity,
    KmipClients clients,
    ConnectivityReport report,
    IOptions<ExternalOptions> options,
    TimeProvider clock)
{
    /// <summary>
    /// Enables an external key manager for <paramref name="svm"/> (null: the cluster). Cheap checks first (servers,
    /// scope, certificates), then every server is probed, then one transaction stores it all.
    /// </summary>
    /// <param name="inactive">create_inactive: stage it beside the SVM's enabled configuration, without enabling it.</param>
    public async Task<KeyManager> CreateAsync(Svm? svm, EnableExternal command, CancellationToken ct, bool inactive = false)
    {
        if (command.ClientCertificate is null || command.ServerCaCertificates is null || command.Servers is null)
        {
            throw OntapErrors.ExternalRequiresCertsAndServers.With("external");
        }
        var servers = ServerList.FromRecords(command.Servers, "external.servers");
        ServerList.Check([], servers, "external.servers");
        await store.ReadAsync((c, t) => EnsureScopeFreeAsync(c, null, svm, inactive, t), ct);
        var client = await certificates.ResolveAsync(command.ClientCertificate, CertificateType.Client, svm?.Uuid, "external.client_certificate", ct);
        var cas = await certificates.ResolveAllAsync(command.ServerCaCertificates, CertificateType.ServerCa, svm?.Uuid, "external.server_ca_certificates", ct);

        var km = new KeyManager(Guid.NewGuid(), svm?.Uuid, svm?.Name, KeyManager.External, false, clock.GetUtcNow(), Enabled: !inactive, command.Policy);
        var records = servers.Select((s, i) => new KeyServer(km.Uuid, s, i, KeyServer.DefaultTimeout, "", null)).ToList();
        using (var identity = Identity(client, cas))
        {
            await probe.VerifyAllAsync(identity, records, "external.servers", ct);
        }
        await store.WriteAsync(async (c, tx, t) =>
        {
            await EnsureScopeFreeAsync(c, tx, svm, inactive, t); // again: another request may have won the race while we probed
            await KeyManagerRepository.InsertAsync(c, tx, km, t);
            await ExternalRepository.SetCertificatesAsync(c, tx, km.Uuid, client.Uuid, cas.Select(ca => ca.Uuid), t);
            foreach (var server in records)
            {
                await ExternalRepository.InsertServerAsync(c, tx, server, t);
            }
            return 0;
        }, ct);
        if (!inactive)
        {
            records.ForEach(s => connectivity.Record(km.Uuid, s.Server, true));
        }
        return km;
    }

    /// <summary>PATCH external: a new client certificate (same key pair) and/or a new set of server CAs.</summary>
    public async Task ModifyAsync(KeyManager km, ModifyExternal command, CancellationToken ct)
    {
        var config = await LoadAsync(km, ct);
        var client = await certificates.FindAsync(config.ClientCertificate, ct) ?? throw OntapErrors.CertificateNotInstalled.With("external.client_certificate");
        if (command.ClientCertificate is { } newClient)
        {
            var replacement = await certificates.ResolveAsync(newClient, CertificateType.Client, km.SvmUuid, "external.client_certificate", ct);
            if (replacement.KeyFingerprint != client.KeyFingerprint)
            {
                throw OntapErrors.ClientCertificateKeysDiffer.With("external.client_certificate");
            }
            client = replacement;
        }
        var cas = command.ServerCaCertificates is { } newCas
            ? await certificates.ResolveAllAsync(newCas, CertificateType.ServerCa, km.SvmUuid, "external.server_ca_certificates", ct)
            : await FindAllAsync(config.ServerCas, ct);
        using (var identity = Identity(client, cas))
        {
            await probe.VerifyAllAsync(identity, config.Servers, "external.server_ca_certificates", ct);
        }
        await store.WriteAsync(async (c, tx, t) =>
        {
            await InactiveConfigurations.RequireKeyManagerOfItsSvmAsync(c, tx, km.Uuid, "uuid", t);
            await ExternalRepository.SetCertificatesAsync(c, tx, km.Uuid, client.Uuid, cas.Select(ca => ca.Uuid), t);
            return 0;
        }, ct);
    }

    /// <summary>This node's state for a deleted key manager: pooled clients and probe results.</summary>
    public async Task ForgetAsync(KeyManager km)
    {
        connectivity.Forget(km.Uuid);
        await clients.EvictAsync(km.Uuid);
    }

    /// <summary>The external part of a key manager (null when it has none), servers with connectivity when asked for.</summary>
    public async Task<ExternalRecord?> DescribeAsync(KeyManager km, bool withConnectivity, CancellationToken ct)
    {
        if (await store.ReadAsync((c, t) => ExternalRepository.LoadAsync(c, null, km.Uuid, t), ct) is not { } config)
        {
            return null;
        }
        return new ExternalRecord(config.ClientCertificate, config.ServerCas,
            await report.WithConnectivityAsync(km.Uuid, config.Servers, withConnectivity, ct));
    }

    /// <summary>Per node that is up, the servers it cannot reach by the monitors' last probes; empty when all is well.</summary>
    public async Task<List<UnreachableServers>> UnreachableAsync(KeyManager km, CancellationToken ct) =>
        await store.ReadAsync((c, t) => ExternalRepository.LoadAsync(c, null, km.Uuid, t), ct) is { } config
            ? await report.UnavailableAsync(config, ct)
            : [];

    public async Task<ExternalConfig> LoadAsync(KeyManager km, CancellationToken ct) =>
        km.Kind == KeyManager.External && await store.ReadAsync((c, t) => ExternalRepository.LoadAsync(c, null, km.Uuid, t), ct) is { } config
            ? config
            : throw OntapErrors.ExternalNotEnabled.With("external");

    /// <summary>The TLS identity of a configuration, to verify new servers with.</summary>
    public async Task<KmipIdentity> IdentityAsync(ExternalConfig config, CancellationToken ct)
    {
        var client = await certificates.FindAsync(config.ClientCertificate, ct) ?? throw OntapErrors.CertificateNotInstalled.With("external.client_certificate");
        return Identity(client, await FindAllAsync(config.ServerCas, ct));
    }

    private KmipIdentity Identity(StoredCertificate client, IEnumerable<StoredCertificate> cas) =>
        KmipIdentity.Load(certs, client, cas, secret, options.Value);

    private async Task<List<StoredCertificate>> FindAllAsync(IEnumerable<Guid> uuids, CancellationToken ct)
    {
        var found = new List<StoredCertificate>();
        foreach (var uuid in uuids)
        {
            found.Add(await certificates.FindAsync(uuid, ct) ?? throw OntapErrors.CertificateNotInstalled.With("external.server_ca_certificates"));
        }
        return found;
    }

    // One key manager per SVM (65536823); at cluster scope onboard and external exclude each other (65536870).
    // An SVM whose VEKs sit on the cluster's external key servers cannot get key servers of its own (65536878): Keyhold
    // cannot move keys between two external key managers. VEKs in the cluster's onboard key manager do not stop it,
    // since enabling the SVM's external key manager is the first step of migrating them there (ONTAP's workflow too).
    // An inactive configuration (create_inactive) may stand beside the enabled one; one inactive external configuration
    // per SVM at most, which also blocks enabling a second external one (65539585).
    private static async Task<int> EnsureScopeFreeAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, Svm? svm, bool inactive, CancellationToken ct)
    {
        if (await KeyManagerRepository.FindInactiveAsync(c, tx, svm?.Uuid, KeyManager.External, ct) is not null)
        {
            throw OntapErrors.InactiveExternalExists.With(svm is null ? "external" : "svm");
        }
        if (inactive)
        {
            return 0;
        }
        if (await KeyManagerRepository.FindByScopeAsync(c, tx, svm?.Uuid, ct) is not null)
        {
            throw (svm is null ? OntapErrors.KeyServersAlreadyConfigured : OntapErrors.SvmKeyManagerExists).With(svm is null ? "external" : "svm");
        }
        if (svm is not null && await KeyManagerRepository.FindByScopeAsync(c, tx, null, ct) is { Kind: KeyManager.External } cluster
            && await DataKeyRepository.CountForSvmAsync(c, tx, cluster.Uuid, svm.Uuid, ct) > 0)
        {
            throw OntapErrors.ExternalClusterKeysInUse.With("svm");
        }
        return 0;
    }
}
