using System.Net;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Cli;

/// <summary>vserver show, volume show -fields, key query and job show against a real node, compared with its REST answers.</summary>
public sealed class CliInventoryTests
{
    [Fact]
    public async Task Vserver_volume_key_query_and_job_show_report_what_the_node_holds()
    {
        using var node = new KeyholdProcess();
        var rest = node.Client();
        await OnboardSetup.EnableAsync(rest);
        var svm = await VolumeSetup.SvmAsync(rest, "vs1");
        var (vol1, key1) = await VolumeSetup.VolumeAsync(rest, "vol1");
        await VolumeSetup.VolumeAsync(rest, "plain", encrypted: false);

        var vservers = await KeyholdCli.RunAsync(node, "vserver show");
        Assert.Equal(0, vservers.Code);
        Assert.Equal([["vs1", "data", "running", svm]], vservers.Rows());
        var vserversJson = await KeyholdCli.RunAsync(node, "vserver show --json -vserver vs1");
        Assert.Equal(svm, vserversJson.Json["records"]![0]!["uuid"]!.GetValue<string>());

        var volumes = await KeyholdCli.RunAsync(node, "volume show -vserver vs1 -fields encrypt,encryption-state,key-id");
        Assert.True(volumes.Code == 0, volumes.ToString());
        Assert.Equal(["vserver", "volume", "encrypt", "encryption-state", "key-id"], volumes.Headers());
        var rows = volumes.Rows().ToDictionary(r => r[1]);
        Assert.Equal(["vs1", "vol1", "true", "encrypted", key1!], rows["vol1"]);
        Assert.Equal(["vs1", "plain", "false"], rows["plain"][..3]);
        Assert.Contains("2 entries were displayed.", volumes.Out);

        var bad = await KeyholdCli.RunAsync(node, "volume show -fields no-such-field");
        Assert.Equal(1, bad.Code);
        Assert.Contains("(code 262197", bad.Error);

        var keys = await KeyholdCli.RunAsync(node, "security key-manager key query -key-type vek");
        Assert.True(keys.Code == 0, keys.ToString());
        var keyRow = Assert.Single(keys.Rows());
        Assert.Equal(key1, keyRow[4]);
        Assert.Equal(["onboard", "vek"], keyRow[2..4]);
        Assert.Equal(["vs1", "vol1", "yes"], keyRow[5..]);
        var keysJson = await KeyholdCli.RunAsync(node, "security key-manager key query --json");
        Assert.Equal(key1, keysJson.Json["records"]![0]!["key_id"]!.GetValue<string>());

        var accepted = await rest.PatchJsonAsync($"/api/storage/volumes/{vol1}", """{"encryption.rekey": true}""");
        accepted.AssertStatus(HttpStatusCode.Accepted);
        var job = await VolumeSetup.JobAsync(rest, accepted.Body!);
        var jobUuid = job["uuid"]!.GetValue<string>();
        var jobs = await KeyholdCli.RunAsync(node, $"job show -id {jobUuid}");
        Assert.True(jobs.Code == 0, jobs.ToString());
        var jobRow = Assert.Single(jobs.Rows());
        Assert.Equal(jobUuid, jobRow[0]);
        Assert.Contains("success", jobRow);
        var jobsJson = await KeyholdCli.RunAsync(node, "job show --json");
        Assert.Equal(jobUuid, jobsJson.Json["records"]![0]!["uuid"]!.GetValue<string>());
        Assert.Equal(job["description"]!.GetValue<string>(), jobsJson.Json["records"]![0]!["description"]!.GetValue<string>());

        // The rekey changed the key: the CLI shows the new one, as REST does.
        var newKey = (await rest.GetJsonAsync($"/api/storage/volumes/{vol1}?fields=encryption.key_id")).Body!["encryption"]!["key_id"]!.GetValue<string>();
        Assert.NotEqual(key1, newKey);
        var after = await KeyholdCli.RunAsync(node, "volume show -volume vol1 -fields key-id");
        Assert.Equal([["vs1", "vol1", newKey]], after.Rows());
    }
}
