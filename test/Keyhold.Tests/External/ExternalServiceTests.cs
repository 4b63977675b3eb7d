using System.Text;
using Keyhold.Certificates;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Kmip;
using Keyhold.Ontap;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.External;

/// <summary>The external key manager's rules, called on the services directly (no HTTP), against PyKMIP peer A.</summary>
public sealed class ExternalServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task Enabling_without_a_client_certificate_is_65536876_and_stores_nothing()
    {
        await using var s = await ExternalServices.CreateAsync();
        var (_, ca) = await s.InstallPeerAsync(KmipPeers.A);

        await FailsAsync(() => s.External.CreateAsync(null, new EnableExternal(null, [ca], [KmipPeers.A.Server]), None),
            OntapErrors.ExternalRequiresCertsAndServers, "external");
        Assert.Equal(0, s.Base.Count("key_managers"));
    }

    [SkippableFact]
    public async Task Enabling_with_certificates_that_are_not_installed_is_65536821_on_each()
    {
        await using var s = await ExternalServices.CreateAsync();
        var (client, ca) = await s.InstallPeerAsync(KmipPeers.A);
        var missing = new CertificateReference(Guid.NewGuid().ToString(), null);

        await FailsAsync(() => s.External.CreateAsync(null, new EnableExternal(missing, [ca], [KmipPeers.A.Server]), None),
            OntapErrors.CertificateNotInstalled, "external.client_certificate");
        await FailsAsync(() => s.External.CreateAsync(null, new EnableExternal(client, [missing], [KmipPeers.A.Server]), None),
            OntapErrors.CertificateNotInstalled, "external.server_ca_certificates");
        // A server CA named where a client certificate belongs is not an installed client certificate either.
        await FailsAsync(() => s.External.CreateAsync(null, new EnableExternal(ca, [ca], [KmipPeers.A.Server]), None),
            OntapErrors.CertificateNotInstalled, "external.client_certificate");
        Assert.Equal(0, s.Base.Count("key_managers"));
    }

    [SkippableFact]
    public async Task A_server_ca_that_did_not_sign_the_server_is_66060338_and_stores_nothing()
    {
        await using var s = await ExternalServices.CreateAsync();
        using var other = new FakeKmipServer(FakeKmipServer.Mode.Answer, ProtocolVersion.V1_4);
        var client = await s.InstallAsync(CertificateType.Client, KmipPeers.A.ClientCertPem, KmipPeers.A.ClientKeyPem);
        var wrongCa = await s.InstallAsync(CertificateType.ServerCa, other.CaPem);

        await FailsAsync(() => s.External.CreateAsync(null, new EnableExternal(client, [wrongCa], [KmipPeers.A.Server]), None),
            OntapErrors.TlsServerCaIncorrect, "external.servers");
        Assert.Equal(0, s.Base.Count("key_managers"));
        Assert.Equal(0, s.Base.Count("key_servers"));
    }

    [SkippableFact]
    public async Task A_server_announcing_no_version_we_speak_is_65536852()
    {
        await using var s = await ExternalServices.CreateAsync();
        using var fake = new FakeKmipServer(FakeKmipServer.Mode.Answer, new ProtocolVersion(3, 0));
        var client = await s.InstallAsync(CertificateType.Client, KmipPeers.A.ClientCertPem, KmipPeers.A.ClientKeyPem);
        var ca = await s.InstallAsync(CertificateType.ServerCa, fake.CaPem);

        await FailsAsync(() => s.External.CreateAsync(null, new EnableExternal(client, [ca], [fake.Server]), None),
            OntapErrors.KmipVersionQueryFailed, "external.servers");
        Assert.Equal(0, s.Base.Count("key_managers"));
    }

    [SkippableFact]
    public async Task Duplicate_or_too_many_servers_are_refused_before_any_probe()
    {
        await using var s = await ExternalServices.CreateAsync();
        var (client, ca) = await s.InstallPeerAsync(KmipPeers.A);
        var host = KmipPeers.A.Host;

        // "host" and "host:5696" are the same server once normalised; no server listens there, so a probe would fail otherwise.
        await FailsAsync(() => s.External.CreateAsync(null, new EnableExternal(client, [ca], [host, $"{host.ToUpperInvariant()}:5696"]), None),
            OntapErrors.DuplicateKeyServers, "external.servers");
        await FailsAsync(() => s.External.CreateAsync(null, new EnableExternal(client, [ca], ["a:1", "b:1", "c:1", "d:1", "e:1"]), None),
            OntapErrors.MaxKeyServers, "external.servers");
        await FailsAsync(() => s.External.CreateAsync(null, new EnableExternal(client, [ca], [KmipPeers.A.Server, null]), None),
            OntapErrors.ExternalRequiresCertsAndServers, "external.servers");
        Assert.Equal(0, s.Base.Count("key_managers"));
    }

    [SkippableFact]
    public async Task Enabling_stores_the_certificates_and_servers_and_returns_them_as_records()
    {
        await using var s = await ExternalServices.CreateAsync();
        var (client, ca) = await s.InstallPeerAsync(KmipPeers.A);

        var km = await s.External.CreateAsync(null, new EnableExternal(client, [ca, ca], [KmipPeers.A.Server]), None);

        Assert.Equal(KeyManager.External, km.Kind);
        Assert.Equal(s.Base.Clock.GetUtcNow(), km.Created);
        var record = await s.External.DescribeAsync(km, withConnectivity: true, None);
        Assert.NotNull(record);
        Assert.Equal(client.Uuid, record.ClientCertificate.ToString());
        Assert.Equal([ca.Uuid], record.ServerCaCertificates.Select(c => c.ToString())); // the same CA twice is stored once
        var server = Assert.Single(record.Servers);
        Assert.Equal((KmipPeers.A.Server, KeyServer.DefaultTimeout, ""), (server.Server, server.Timeout, server.Username));
        Assert.True(server.Connectivity!.ClusterAvailable); // the probe that admitted it counts as this node's first check
        Assert.Equal(1, s.Base.Count("key_servers"));

        await FailsAsync(() => s.External.CreateAsync(null, new EnableExternal(client, [ca], [KmipPeers.A.Alias]), None),
            OntapErrors.KeyServersAlreadyConfigured, "external");
    }

    [SkippableFact]
    public async Task Key_servers_are_added_and_removed_all_or_nothing()
    {
        await using var s = await ExternalServices.CreateAsync();
        var km = await s.EnableOnAsync(KmipPeers.A);

        var added = await s.KeyServers.AddAsync(km.Uuid, new AddKeyServer(KmipPeers.A.Alias, null), None);
        Assert.Equal(KmipPeers.A.Alias, Assert.Single(added).Server);
        Assert.Equal(2, s.Base.Count("key_servers"));

        await FailsAsync(() => s.KeyServers.AddAsync(km.Uuid, new AddKeyServer(KmipPeers.A.Server, null), None),
            OntapErrors.DuplicateKeyServers, "server");
        await FailsAsync(() => s.KeyServers.AddAsync(km.Uuid, new AddKeyServer(KmipPeers.A.Server, [KmipPeers.A.Alias]), None),
            OntapErrors.InvalidFieldValue, "records");
        await FailsAsync(() => s.KeyServers.AddAsync(km.Uuid, new AddKeyServer(null, ["x:1", "x:1"]), None),
            OntapErrors.DuplicateKeyServers, "records");
        await FailsAsync(() => s.KeyServers.AddAsync(Guid.NewGuid(), new AddKeyServer(KmipPeers.A.Alias, null), None),
            OntapErrors.EntryNotFound, "uuid");
        Assert.Equal(2, s.Base.Count("key_servers"));

        await s.KeyServers.RemoveAsync(km.Uuid, KmipPeers.A.Alias, None);
        Assert.Equal([KmipPeers.A.Server], s.Base.Rows("SELECT server FROM key_servers").Select(r => (string)r[0]!));
        Assert.Null(s.Cache.Find(km.Uuid, KmipPeers.A.Alias));
        await FailsAsync(() => s.KeyServers.RemoveAsync(km.Uuid, KmipPeers.A.Alias, None), OntapErrors.KeyServerNotConfigured, "server");
        await FailsAsync(() => s.KeyServers.GetAsync(km.Uuid, KmipPeers.A.Alias, false, None), OntapErrors.EntryNotFound, "server");
    }

    [SkippableFact]
    public async Task Timeout_username_and_password_change_and_the_password_is_stored_wrapped_only()
    {
        await using var s = await ExternalServices.CreateAsync();
        var km = await s.EnableOnAsync(KmipPeers.A);
        const string password = "kmip-pass-7d1e9b";

        await FailsAsync(() => s.KeyServers.ModifyAsync(km.Uuid, KmipPeers.A.Server, new ModifyKeyServer(61, null, null), None),
            OntapErrors.InvalidFieldValue, "timeout");
        var changed = await s.KeyServers.ModifyAsync(km.Uuid, KmipPeers.A.Server, new ModifyKeyServer(30, "kmip-user", password), None);

        Assert.Equal((30, "kmip-user"), (changed.Timeout, changed.Username));
        Assert.DoesNotContain(typeof(KeyServerRecord).GetProperties(), p => p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(password, new ModifyKeyServer(null, null, password).ToString(), StringComparison.Ordinal);
        var row = Assert.Single(s.Base.Rows("SELECT timeout, username, wrapped_password FROM key_servers"));
        Assert.Equal((30L, "kmip-user"), ((long)row[0]!, (string)row[1]!));
        var wrapped = (byte[])row[2]!;
        Assert.DoesNotContain(password, Encoding.Latin1.GetString(wrapped), StringComparison.Ordinal);
        Assert.Equal(-1, StoreProbe.AllBytes(s.Base.DataDir).AsSpan().IndexOf(Encoding.UTF8.GetBytes(password)));
        Assert.Equal(password, Encoding.UTF8.GetString(s.Base.Secret.Unwrap($"{km.Uuid}/{KmipPeers.A.Server}", KeyServer.PasswordPurpose, wrapped)));

        // Unchanged fields stay; an empty password removes it.
        var cleared = await s.KeyServers.ModifyAsync(km.Uuid, KmipPeers.A.Server, new ModifyKeyServer(null, null, ""), None);
        Assert.Equal((30, "kmip-user"), (cleared.Timeout, cleared.Username));
        Assert.Null(Assert.Single(s.Base.Rows("SELECT wrapped_password FROM key_servers"))[0]);
    }

    [SkippableFact]
    public async Task A_new_client_certificate_must_keep_the_key_pair_and_new_server_cas_must_verify()
    {
        await using var s = await ExternalServices.CreateAsync();
        var km = await s.EnableOnAsync(KmipPeers.A);
        var before = await s.External.LoadAsync(km, None);
        var otherKey = await s.Certificates.CreateAsync(new InstallCertificate(CertificateType.Client) { CommonName = "other-client" }, None);
        using var fake = new FakeKmipServer(FakeKmipServer.Mode.Answer, ProtocolVersion.V1_4);
        var wrongCa = await s.InstallAsync(CertificateType.ServerCa, fake.CaPem);

        await FailsAsync(() => s.External.ModifyAsync(km, new ModifyExternal(new CertificateReference(otherKey.Uuid.ToString(), null), null), None),
            OntapErrors.ClientCertificateKeysDiffer, "external.client_certificate");
        await FailsAsync(() => s.External.ModifyAsync(km, new ModifyExternal(null, [wrongCa]), None),
            OntapErrors.TlsServerCaIncorrect, "external.server_ca_certificates");

        var after = await s.External.LoadAsync(km, None);
        Assert.Equal(before.ClientCertificate, after.ClientCertificate);
        Assert.Equal(before.ServerCas, after.ServerCas);

        // Both CAs: the server still verifies, so the change is stored.
        await s.External.ModifyAsync(km, new ModifyExternal(null, [new CertificateReference(before.ServerCas[0].ToString(), null), wrongCa]), None);
        Assert.Equal(2, (await s.External.LoadAsync(km, None)).ServerCas.Count);
    }

    [SkippableFact]
    public async Task Another_nodes_published_connectivity_goes_stale_when_the_clock_passes_three_intervals()
    {
        await using var s = await ExternalServices.CreateAsync();
        var client = await s.Certificates.CreateAsync(new InstallCertificate(CertificateType.Client) { CommonName = "client" }, None);
        var km = new KeyManager(Guid.NewGuid(), null, null, KeyManager.External, false, s.Base.Clock.GetUtcNow());
        var server = new KeyServer(km.Uuid, "kmip.invalid:5696", 0, KeyServer.DefaultTimeout, "", null);
        await s.Base.Store.WriteAsync(async (c, tx, t) =>
        {
            await KeyManagerRepository.InsertAsync(c, tx, km, t);
            await ExternalRepository.SetCertificatesAsync(c, tx, km.Uuid, client.Uuid, [], t);
            await ExternalRepository.InsertServerAsync(c, tx, server, t);
            return 0;
        }, None);
        using var otherKey = Keyhold.Onboard.NodeKey.Generate();
        var other = new Keyhold.Cluster.NodeIdentity(Guid.NewGuid(), "node-2");
        await new Keyhold.Cluster.ClusterRepository(s.Base.Store).EnsureAsync(other, otherKey.PublicKey);

        s.Cache.Record(km.Uuid, server.Server, available: true);
        await s.Connectivity.SaveAsync(other.Uuid, [(km.Uuid, server.Server, ConnectivityStates.NotResponding)], s.Base.Clock.GetUtcNow(), None);

        Assert.Equal(s.Base.Clock.GetUtcNow(), s.Cache.Find(km.Uuid, server.Server)!.Checked);
        var fresh = await s.Report.ForServerAsync(server, None);
        Assert.False(fresh.ClusterAvailable);
        Assert.Equal([(other.Uuid, "node-2", ConnectivityStates.NotResponding)], fresh.NotAvailable.Select(n => (n.NodeUuid, n.NodeName, n.State)));
        Assert.Equal("node-2", Assert.Single(await s.External.UnreachableAsync(km, None)).Node);

        s.Base.Clock.Advance(ConnectivityTiming.StaleAfter(s.Options) - TimeSpan.FromSeconds(1));
        Assert.False((await s.Report.ForServerAsync(server, None)).ClusterAvailable); // still believed

        s.Base.Clock.Advance(TimeSpan.FromSeconds(2));
        var stale = await s.Report.ForServerAsync(server, None);
        Assert.True(stale.ClusterAvailable); // a node that stopped publishing cannot veto
        Assert.Equal([(other.Uuid, ConnectivityStates.Unknown)], stale.NotAvailable.Select(n => (n.NodeUuid, n.State)));
        Assert.Empty(await s.External.UnreachableAsync(km, None));
    }

    private static async Task FailsAsync(Func<Task> call, OntapError error, string? target)
    {
        var e = await Assert.ThrowsAsync<OntapException>(call);
        Assert.Equal((error.Code, target), (e.Code, e.Target));
    }
}
