using System.Diagnostics;
using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.MetroCluster;

/// <summary>
/// Issue 12: status 346758 on a MetroCluster, computed when status is asked for. Two real Keyhold processes that name each
/// other as partners: a site's key manager reports 346758 with the spec's message while the partner's onboard hierarchy is
/// not its own (never synced; a passphrase changed on one side), 0 once the sync ran, and a partner that does not answer
/// gives a status that says so, within the partner timeout.
/// </summary>
public sealed class MetroClusterStatusTests
{
    private const string Managers = "/api/security/key-managers";
    private const string Message = "This cluster is part of a MetroCluster configuration. Use the REST API POST method security/key_managers/ with the synchronize option and the same passphrase on the partner cluster before proceeding with any key manager operations. Failure to do so could lead to switchover or switchback failure.";

    [Fact]
    public async Task Status_is_346758_until_the_partner_holds_this_hierarchy_and_0_after_each_sync()
    {
        // Each site names the other: B starts first to have a URL and certificate, A names it, then B comes back on its
        // port naming A.
        var dirB = TempDir.Create();
        int portB;
        using (var first = new KeyholdProcess(dirB))
        {
            portB = first.Port;
        }
        using var a = new KeyholdProcess(TempDir.Create(), Partner(MetroClusterSites.PartnerOf($"https://127.0.0.1:{portB}", Path.Combine(dirB, "tls.crt"), KeyholdFactory.AdminPassword)));
        using var b = KeyholdProcess.OnPort(portB, dirB, Partner(MetroClusterSites.PartnerOf(a)));
        using var siteA = a.Client();
        using var siteB = b.Client();

        var uuidA = await OnboardSetup.EnableAsync(siteA);
        await AssertStatusAsync(siteA, uuidA, 346758, Message);   // never synced: B has no key manager
        // Computed, not stored: a filter on it matches without naming it in fields.
        Assert.Equal(1, (await siteA.GetJsonAsync($"{Managers}?status.code=346758")).Body!["num_records"]!.GetValue<int>());

        var created = await siteB.PostJsonAsync(Managers + "?return_records=true", new { onboard = new { passphrase = OnboardSetup.Passphrase, synchronize = true } });
        created.AssertStatus(HttpStatusCode.Created);
        var uuidB = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal(Wrap(a), Wrap(b));
        await AssertStatusAsync(siteA, uuidA, 0);
        await AssertStatusAsync(siteB, uuidB, 0);

        (await siteA.PatchJsonAsync($"{Managers}/{uuidA}", new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.NotEqual(Wrap(a), Wrap(b));
        await AssertStatusAsync(siteA, uuidA, 346758, Message);
        await AssertStatusAsync(siteB, uuidB, 346758, Message);

        (await siteB.PatchJsonAsync($"{Managers}/{uuidB}", new { onboard = new { existing_passphrase = OnboardSetup.Other, synchronize = true } }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.Equal(Wrap(a), Wrap(b));
        await AssertStatusAsync(siteA, uuidA, 0);
        await AssertStatusAsync(siteB, uuidB, 0);

        // A partner that is gone: the status says so, bounded by the partner timeout, not by the client's patience.
        b.Stop();
        var watch = Stopwatch.StartNew();
        var status = await StatusAsync(siteA, uuidA);
        Assert.Equal(65536310, status["code"]!.GetValue<long>());
        Assert.StartsWith("The MetroCluster peer is unhealthy", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(120), $"status took {watch.Elapsed}");
        foreach (var site in new[] { a, b })
        {
            Assert.DoesNotContain(OnboardSetup.Passphrase, site.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("BEGIN BACKUP", site.Output, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Partner(Dictionary<string, string> settings)
    {
        // Generous: a partner's first answer includes a password hash, slow on a busy shared machine. A stopped partner
        // refuses at once, so the timeout only bounds a hung one.
        settings["Keyhold__MetroCluster__Timeout"] = "00:00:30";
        return settings;
    }

    private static async Task AssertStatusAsync(HttpClient client, string uuid, long code, string? message = null)
    {
        var status = await StatusAsync(client, uuid);
        Assert.Equal(code, status["code"]!.GetValue<long>());
        if (message is not null)
        {
            Assert.Equal(message, status["message"]!.GetValue<string>());
        }
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> StatusAsync(HttpClient client, string uuid)
    {
        var got = await client.GetJsonAsync($"{Managers}/{uuid}?fields=status");
        got.AssertStatus(HttpStatusCode.OK);
        return got.Body!["status"]!;
    }

    /// <summary>The stored passphrase wrap of a site's root key.</summary>
    private static string Wrap(KeyholdProcess site) =>
        string.Join("|", StoreProbe.Rows(site.DataDir, "SELECT kdf, wrapped_root FROM onboard").Single().Select(v => v is byte[] bytes ? Convert.ToHexString(bytes) : v?.ToString()));
}
