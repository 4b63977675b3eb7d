using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Versions;

/// <summary>
/// secondary_key_servers by release (issue 12, ontap-later.md §4): 9.8's documentation lists the field, yet ONTAP refuses it
/// with 65538503 until the 9.11.1 ECV; at 9.7 it is a field the release never had (262179); from 9.11.1 it is stored.
/// </summary>
public sealed class SecondaryKeyServerVersionTests
{
    [SkippableTheory]
    [InlineData("9.8.0")]
    [InlineData("9.11.0")]
    public async Task From_9_8_to_9_11_0_the_field_is_known_but_refused_with_65538503_and_nothing_is_stored(string release)
    {
        using var host = new ExternalHost(release: release);
        var (uuid, server) = await CreateAsync(host);

        (await host.Admin.PatchJsonAsync(server, new { secondary_key_servers = new[] { "10.1.2.3" }, timeout = 20 }))
            .AssertError(HttpStatusCode.BadRequest, "65538503", "Support for adding secondary key servers requires an ECV of ONTAP 9.11.1 or later.", "secondary_key_servers");

        Assert.Equal(["", 25L], StoreProbe.Rows(host.DataDir, "SELECT secondary_key_servers, timeout FROM key_servers").Single());
        // Known to the release: it may be asked for (a primary without secondaries omits it).
        var got = await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers?fields=secondary_key_servers");
        got.AssertStatus(HttpStatusCode.OK);
        Assert.Null(Assert.Single(got.Body!["records"]!.AsArray())!["secondary_key_servers"]);
    }

    [SkippableFact]
    public async Task At_9_7_the_field_is_unknown()
    {
        using var host = new ExternalHost(release: "9.7.0");
        var (uuid, server) = await CreateAsync(host);

        (await host.Admin.PatchJsonAsync(server, new { secondary_key_servers = new[] { "10.1.2.3" } }))
            .AssertError(HttpStatusCode.BadRequest, "262179", "Unexpected argument \"secondary_key_servers\".", "secondary_key_servers");
        (await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers?fields=secondary_key_servers"))
            .AssertError(HttpStatusCode.BadRequest, "262197", target: "fields");
        Assert.Equal("", StoreProbe.Rows(host.DataDir, "SELECT secondary_key_servers FROM key_servers").Single()[0]);
    }

    [SkippableFact]
    public async Task At_9_11_1_the_secondaries_are_stored()
    {
        using var host = new ExternalHost(release: "9.11.1");
        var (uuid, server) = await CreateAsync(host);

        (await host.Admin.PatchJsonAsync(server, new { secondary_key_servers = new[] { "10.1.2.3:5697" } })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("10.1.2.3:5697", StoreProbe.Rows(host.DataDir, "SELECT secondary_key_servers FROM key_servers").Single()[0]);
        var got = await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers?fields=secondary_key_servers");
        Assert.Equal("10.1.2.3:5697", got.Body!["records"]![0]!["secondary_key_servers"]![0]!.GetValue<string>());
    }

    private static async Task<(string Uuid, string Server)> CreateAsync(ExternalHost host)
    {
        var peer = KmipPeers.A;
        var uuid = await host.CreateOnAsync(peer);
        return (uuid, $"{ExternalHost.Managers}/{uuid}/key-servers/{peer.Server}");
    }
}
