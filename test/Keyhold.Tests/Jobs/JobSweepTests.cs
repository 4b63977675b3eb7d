using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Jobs;
using Keyhold.Tests.Cluster;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Jobs;

/// <summary>
/// A node that died mid-job fails its own interrupted jobs when it starts again, and the volumes they left encrypting
/// or rekeying show their key's state again; another node's running job and its volume are left alone.
/// </summary>
public sealed class JobSweepTests
{
    [Fact]
    public Task A_restarted_node_fails_its_interrupted_jobs_and_settles_their_volumes_on_sqlite() => RunAsync(SharedStore.Sqlite());

    [SkippableFact]
    public Task A_restarted_node_fails_its_interrupted_jobs_and_settles_their_volumes_on_postgres() => RunAsync(SharedStore.OnPostgres());

    private static async Task RunAsync(SharedStore store)
    {
        using var owned = store;
        var dataDir = TempDir.Create();
        string node, rekeyed, keyId, plain, other, rekeyJob;
        using (var first = new KeyholdFactory(dataDir, store.SqlitePath, "node-a", store.Postgres))
        {
            var admin = first.Admin();
            await OnboardSetup.EnableAsync(admin);
            await VolumeSetup.SvmAsync(admin);
            (rekeyed, _) = await VolumeSetup.VolumeAsync(admin, "rekeyed");
            (plain, _) = await VolumeSetup.VolumeAsync(admin, "plain", encrypted: false);
            (other, _) = await VolumeSetup.VolumeAsync(admin, "other", encrypted: false);
            node = (await admin.GetJsonAsync("/api/cluster/nodes")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
            var accepted = await admin.PatchJsonAsync(Volume(rekeyed), new JsonObject { ["encryption"] = new JsonObject { ["rekey"] = true } }.ToJsonString());
            accepted.AssertStatus(HttpStatusCode.Accepted);
            var job = await VolumeSetup.JobAsync(admin, accepted.Body!);
            Assert.Equal("success", job["state"]!.GetValue<string>());
            rekeyJob = job["uuid"]!.GetValue<string>();
            keyId = (await admin.GetJsonAsync(Volume(rekeyed))).Body!["encryption"]!["key_id"]!.GetValue<string>();
        }
        // The job runner recorded which node ran the job.
        Assert.Equal(node, store.Rows($"SELECT node_uuid FROM jobs WHERE uuid = '{rekeyJob}'").Single()[0]);

        // As if the node had died mid-way: the rekey and an encrypt still running, their volumes marked; and another
        // node's encrypt of a third volume, which that node is still running.
        var encryptJob = Guid.NewGuid().ToString();
        var foreignJob = Guid.NewGuid().ToString();
        store.Execute($"UPDATE jobs SET state = 'running', message = '', end_time = NULL WHERE uuid = '{rekeyJob}'");
        store.Execute($"UPDATE volumes SET encryption_state = 'rekeying' WHERE uuid = '{rekeyed}'");
        store.Execute($"UPDATE volumes SET encryption_state = 'encrypting' WHERE uuid IN ('{plain}', '{other}')");
        store.Execute(InsertRunning(encryptJob, plain, node));
        store.Execute(InsertRunning(foreignJob, other, Guid.NewGuid().ToString()));

        using var restarted = new KeyholdFactory(dataDir, store.SqlitePath, "node-a", store.Postgres);
        var client = restarted.Admin();
        foreach (var uuid in new[] { rekeyJob, encryptJob })
        {
            var job = (await client.GetJsonAsync($"/api/cluster/jobs/{uuid}")).Body!;
            Assert.Equal("failure", job["state"]!.GetValue<string>());
            Assert.Equal(JobSweep.Message, job["message"]!.GetValue<string>());
            Assert.NotNull(job["end_time"]);
        }
        Assert.Equal("running", (await client.GetJsonAsync($"/api/cluster/jobs/{foreignJob}")).Body!["state"]!.GetValue<string>());

        var volume = (await client.GetJsonAsync(Volume(rekeyed))).Body!["encryption"]!;
        Assert.Equal("encrypted", volume["state"]!.GetValue<string>());
        Assert.Equal(keyId, volume["key_id"]!.GetValue<string>());
        Assert.Equal("unencrypted", (await client.GetJsonAsync(Volume(plain))).Body!["encryption"]!["state"]!.GetValue<string>());
        Assert.Equal("encrypting", (await client.GetJsonAsync(Volume(other))).Body!["encryption"]!["state"]!.GetValue<string>());

        // Settled, the volume takes the same PATCH again.
        var again = await client.PatchJsonAsync(Volume(plain), new JsonObject { ["encryption"] = new JsonObject { ["enabled"] = true } }.ToJsonString());
        again.AssertStatus(HttpStatusCode.Accepted);
        Assert.Equal("success", (await VolumeSetup.JobAsync(client, again.Body!))["state"]!.GetValue<string>());
        Assert.Equal("encrypted", (await client.GetJsonAsync(Volume(plain))).Body!["encryption"]!["state"]!.GetValue<string>());
    }

    private static string Volume(string uuid) => "/api/storage/volumes/" + uuid;

    private static string InsertRunning(string job, string volume, string node) =>
        "INSERT INTO jobs (uuid, description, state, message, code, start_time, node_uuid) " +
        $"VALUES ('{job}', 'PATCH /api/storage/volumes/{volume}', 'running', '', 0, '2025-01-01T00:00:00.0000000Z', '{node}')";
}
