using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Keyhold.Kmip;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>Every connection failure provoked for real; each leaves nothing stored.</summary>
public sealed class ExternalTlsErrorTests : IDisposable
{
    private readonly ExternalHost host = new(kmipTimeout: 2);

    [SkippableFact]
    public async Task A_server_ca_that_did_not_sign_the_server_is_66060338()
    {
        using var other = new TestPki("Unrelated CA");
        var client = await host.InstallAsync("client", KmipPeers.A.ClientCertPem, KmipPeers.A.ClientKeyPem);
        var wrongCa = await host.InstallAsync("server_ca", other.CaPem);

        await AssertFailsAsync(host.CreateAsync(client, wrongCa, KmipPeers.A.Server), "66060338");
    }

    [SkippableFact]
    public async Task A_client_certificate_from_another_ca_is_66060339()
    {
        using var other = new TestPki("Unrelated client CA");
        var (cert, key) = other.Leaf("keyhold-client");
        var client = await host.InstallAsync("client", cert, key);
        var ca = await host.InstallAsync("server_ca", KmipPeers.A.CaPem);

        await AssertFailsAsync(host.CreateAsync(client, ca, KmipPeers.A.Server), "66060339");
    }

    [SkippableFact]
    public async Task A_closed_port_is_66060341()
    {
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // nothing listens there any more: connection refused

        await AssertFailsAsync(host.CreateAsync(client, ca, $"127.0.0.1:{port}"), "66060341");
    }

    [SkippableFact]
    public async Task A_server_that_accepts_and_never_answers_is_66060341_after_the_timeout()
    {
        using var hanging = new FakeKmipServer(FakeKmipServer.Mode.Hang);
        var client = await host.InstallAsync("client", KmipPeers.A.ClientCertPem, KmipPeers.A.ClientKeyPem);
        var ca = await host.InstallAsync("server_ca", hanging.CaPem);
        var clock = Stopwatch.StartNew();

        await AssertFailsAsync(host.CreateAsync(client, ca, hanging.Server), "66060341");
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 10);
    }

    [SkippableFact]
    public async Task A_port_that_speaks_http_instead_of_tls_is_66060340()
    {
        using var http = new FakeKmipServer(FakeKmipServer.Mode.Http);
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);

        await AssertFailsAsync(host.CreateAsync(client, ca, http.Server), "66060340");
    }

    [SkippableFact]
    public async Task A_server_announcing_no_version_we_speak_is_65536852()
    {
        using var fake = new FakeKmipServer(FakeKmipServer.Mode.Answer, new ProtocolVersion(3, 0));
        var client = await host.InstallAsync("client", KmipPeers.A.ClientCertPem, KmipPeers.A.ClientKeyPem);
        var ca = await host.InstallAsync("server_ca", fake.CaPem);

        await AssertFailsAsync(host.CreateAsync(client, ca, fake.Server), "65536852");

        fake.Versions = [ProtocolVersion.V1_4]; // the same server with a usable answer is accepted
        (await host.CreateAsync(client, ca, fake.Server)).AssertStatus(HttpStatusCode.Created);
    }

    [SkippableFact]
    public async Task One_bad_server_among_good_ones_fails_the_whole_creation()
    {
        var (client, ca) = await host.InstallPeerAsync(KmipPeers.A);
        using var http = new FakeKmipServer(FakeKmipServer.Mode.Http);

        await AssertFailsAsync(host.CreateAsync(client, ca, KmipPeers.A.Server, KmipPeers.A.Alias, http.Server), "66060340");
    }

    private async Task AssertFailsAsync(Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body, HttpResponseMessage Response)> call, string code)
    {
        (await call).AssertError(HttpStatusCode.BadRequest, code);
        Assert.Equal(0, host.Count("key_managers"));
        Assert.Equal(0, host.Count("key_servers"));
    }

    public void Dispose() => host.Dispose();
}
