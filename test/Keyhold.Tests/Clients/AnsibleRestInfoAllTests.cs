using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Clients;

/// <summary>
/// Issue 12 scope 3: <c>na_ontap_rest_info</c> with <c>gather_subset: all</c> succeeds against a real process. Every
/// subset comes back as data, as the "API not found" text the module tolerates (code 3), or as the module's own
/// version warning; the subsets Keyhold implements carry what the store holds.
/// </summary>
public sealed class AnsibleRestInfoAllTests
{
    [SkippableTheory]
    [MemberData(nameof(AnsibleTests.Releases), MemberType = typeof(AnsibleTests))]
    public async Task Rest_info_gathers_every_subset(string? release)
    {
        Requirements.Ansible();
        using var keyhold = new KeyholdProcess(environment: release is null ? null : new Dictionary<string, string> { ["Keyhold__Ontap__Version"] = release });
        using var client = keyhold.Client();
        await OnboardSetup.EnableAsync(client);
        (await client.PostJsonAsync("/api/svm/svms", new { name = "vs1" })).AssertStatus(HttpStatusCode.Created);
        (await client.PostJsonAsync("/api/storage/volumes?return_timeout=30", new { name = "vol1", svm = new { name = "vs1" }, size = 1L << 30, encryption = new { enabled = true } }))
            .AssertStatus(HttpStatusCode.Created);

        var info = (await AnsibleTests.RunAsync(keyhold, "rest_info_all.yml", [])).AsObject();

        Assert.True(info.Count > 150, $"{info.Count} subsets");
        foreach (var (subset, value) in info)
        {
            // Code 3's message becomes the value: "API not found", with Keyhold's reason for the cloud key managers.
            Assert.True(value is JsonObject || value!.GetValue<string>().StartsWith("API not found", StringComparison.Ordinal)
                || value.GetValue<string>().Contains("requires ONTAP", StringComparison.Ordinal),
                $"{subset}: {value?.ToJsonString()}");
        }
        Assert.Equal(StoreProbe.Rows(keyhold.DataDir, "SELECT uuid FROM cluster")[0][0], info["cluster"]!["uuid"]!.GetValue<string>());
        AssertCount(info, "security/key-managers", StoreProbe.Count(keyhold.DataDir, "key_managers"));
        AssertCount(info, "svm/svms", StoreProbe.Count(keyhold.DataDir, "svms"));
        AssertCount(info, "storage/volumes", StoreProbe.Count(keyhold.DataDir, "volumes"));
        AssertCount(info, "security/accounts", StoreProbe.Count(keyhold.DataDir, "users"));
        Assert.NotNull(info["security/audit"]!["cli"]);
        // The module's own requests that need no subset of Keyhold's: the bodiless POST and the double-slash GET.
        Assert.Equal("API not found", info["cluster/metrocluster/diagnostics"]!.GetValue<string>());
        Assert.Equal("API not found", info["support/autosupport/check"]!.GetValue<string>());
    }

    private static void AssertCount(JsonObject info, string subset, long stored)
    {
        Assert.True(stored > 0, $"{subset}: nothing stored to compare");
        Assert.Equal(stored, info[subset]!["num_records"]!.GetValue<long>());
        Assert.Equal(stored, info[subset]!["records"]!.AsArray().Count);
    }
}
