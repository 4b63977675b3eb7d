using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Onboard;
using Keyhold.Security;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Cli;

/// <summary>POST /api/security/key-managers/onboard/recover: the REST form of the recover command.</summary>
public sealed class OnboardRecoverApiTests
{
    private const string Path = "/api/security/key-managers/onboard/recover";

    [Fact]
    public async Task Recovery_over_rest_restores_every_key_and_volume_on_a_fresh_cluster()
    {
        RecoveryFixture before;
        using (var original = new KeyholdFactory())
        {
            before = await RecoveryFixture.CreateAsync(original);
        }
        using var fresh = new KeyholdFactory();
        var client = fresh.Admin();

        var created = await client.PostJsonAsync(Path + "?return_records=true", new { onboard = new { passphrase = OnboardSetup.Passphrase, key_backup = before.Backup } });

        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal("/api/security/key-managers/" + uuid, created.Response.Headers.Location!.ToString());
        Assert.True(created.Body["records"]![0]!["onboard"]!["enabled"]!.GetValue<bool>());
        Assert.DoesNotContain("passphrase", created.Body.ToJsonString());
        await before.AssertRecoveredAsync(fresh);
        Assert.DoesNotContain(OnboardSetup.Passphrase, fresh.Logs.All);
    }

    [Fact]
    public async Task A_wrong_passphrase_is_65536139_and_stores_nothing()
    {
        RecoveryFixture before;
        using (var original = new KeyholdFactory())
        {
            before = await RecoveryFixture.CreateAsync(original);
        }
        using var fresh = new KeyholdFactory();

        var refused = await fresh.Admin().PostJsonAsync(Path, new { onboard = new { passphrase = OnboardSetup.Other, key_backup = before.Backup } });

        refused.AssertError(HttpStatusCode.BadRequest, "65536139", "Cluster-wide passphrase is incorrect.", "onboard.passphrase");
        AssertEmpty(fresh.DataDir);
    }

    [Fact]
    public async Task A_consumer_record_that_breaks_the_volume_rules_is_a_damaged_backup_and_stores_nothing()
    {
        RecoveryFixture before;
        using (var original = new KeyholdFactory())
        {
            before = await RecoveryFixture.CreateAsync(original);
        }
        // The consumer record is not covered by the wraps: edit it as an attacker holding the backup could.
        var contents = KeyBackup.Decode(before.Backup);
        var metadata = JsonNode.Parse(contents.Keys[0].Metadata)!.AsObject();
        metadata["volume_name"] = "../../etc";
        var tampered = contents with { Keys = [contents.Keys[0] with { Metadata = metadata.ToJsonString() }, .. contents.Keys.Skip(1)] };
        using var fresh = new KeyholdFactory();

        var refused = await fresh.Admin().PostJsonAsync(Path, new { onboard = new { passphrase = OnboardSetup.Passphrase, key_backup = KeyBackup.Encode(tampered) } });

        refused.AssertError(HttpStatusCode.BadRequest, "65537420", target: "onboard.key_backup");
        AssertEmpty(fresh.DataDir);
    }

    [Fact]
    public async Task A_volume_that_already_exists_in_the_cluster_is_a_conflict_and_stores_nothing()
    {
        RecoveryFixture before;
        using (var original = new KeyholdFactory())
        {
            before = await RecoveryFixture.CreateAsync(original);
        }
        using var target = new KeyholdFactory();
        var client = target.Admin();
        await VolumeSetup.SvmAsync(client, "vs2");
        await VolumeSetup.VolumeAsync(client, "vol3", "vs2", encrypted: null);

        var refused = await client.PostJsonAsync(Path, new { onboard = new { passphrase = OnboardSetup.Passphrase, key_backup = before.Backup } });

        refused.AssertError(HttpStatusCode.Conflict, "65537421", "The backup's volume \"vol3\" already exists in this cluster. Recover into a cluster without it.");
        Assert.Equal(0, StoreProbe.Count(target.DataDir, "key_managers"));
        Assert.Equal(0, StoreProbe.Count(target.DataDir, "keys"));
        Assert.Equal(1, StoreProbe.Count(target.DataDir, "volumes"));
        Assert.Equal(1, StoreProbe.Count(target.DataDir, "svms"));
    }

    [Theory]
    [InlineData("""{"onboard": {"key_backup": "x"}}""", "262186", "onboard.passphrase")]
    [InlineData("""{"onboard": {"passphrase": "x"}}""", "262186", "onboard.key_backup")]
    [InlineData("""{"onboard": {"passphrase": "x", "key_backup": "not a backup"}}""", "65537420", "onboard.key_backup")]
    [InlineData("""{"onboard": {"passphrase": "x", "key_backup": "y", "synchronize": true}}""", "262179", "onboard.synchronize")]
    public async Task Bad_requests_are_refused_with_their_code(string body, string code, string target)
    {
        using var fresh = new KeyholdFactory();

        (await fresh.Admin().PostJsonAsync(Path, body)).AssertError(HttpStatusCode.BadRequest, code, target: target);

        AssertEmpty(fresh.DataDir);
    }

    [Fact]
    public async Task Only_administrators_may_recover()
    {
        using var fresh = new KeyholdFactory();
        await fresh.Service<AccountRepository>().SaveAsync(new Account("monitor", Account.ReadOnly, null), "monitor-password");

        var refused = await fresh.Client("monitor", "monitor-password").PostJsonAsync(Path, new { onboard = new { passphrase = "x", key_backup = "y" } });

        refused.AssertError(HttpStatusCode.Forbidden, "6");
    }

    private static void AssertEmpty(string dataDir)
    {
        foreach (var table in new[] { "key_managers", "onboard", "root_key_seals", "keys", "volumes", "svms" })
        {
            Assert.Equal(0, StoreProbe.Count(dataDir, table));
        }
    }
}
