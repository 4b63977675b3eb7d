using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Keyhold.Kmip;
using Keyhold.Tests.External;
using Keyhold.Tests.Migration;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.KmipServer;

/// <summary>
/// Issue 9, scope 7: two real keyhold processes, each with its own store. Cluster B uses cluster A's KMIP listener as
/// its external key server through the normal REST flow (install a client certificate A's client_ca signed and A's
/// KMIP CA as server_ca, create the external key manager), creates encrypted volumes, migrates their keys onboard →
/// external and back. A is checked through KMIP with B's identity: it holds each key while B points there, and
/// holds none after B took them back.
/// </summary>
public class ClosedLoopTests
{
    [Fact]
    public async Task A_second_keyhold_keeps_its_volume_keys_on_this_KMIP_server_and_takes_them_back()
    {
        using var a = await KeyholdKmipServer.StartAsync();
        using var b = new Support.KeyholdProcess();
        using var admin = b.Client();
        var onboard = await OnboardSetup.EnableAsync(admin);
        await VolumeSetup.SvmAsync(admin, "vs1");
        var keys = await MigrationSetup.VolumesAsync(admin, "vs1", 3);
        var volumesBefore = StoreProbe.Rows(b.DataDir, "SELECT uuid, key_id FROM volumes ORDER BY uuid");

        var clientCert = a.ClientCertificate("cluster-b");
        var client = await InstallAsync(admin, new JsonObject
        {
            ["type"] = "client",
            ["public_certificate"] = clientCert.ExportCertificatePem(),
            ["private_key"] = clientCert.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem(),
            ["svm"] = new JsonObject { ["name"] = "vs1" },
        });
        var ca = await InstallAsync(admin, new JsonObject { ["type"] = "server_ca", ["public_certificate"] = a.CaPem, ["svm"] = new JsonObject { ["name"] = "vs1" } });
        var svm = (await admin.GetJsonAsync("/api/svm/svms?name=vs1")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var created = await admin.PostJsonAsync(ExternalHost.Managers + "?return_records=true", ExternalHost.Body(client, [ca], [a.KmipEndpoint], svm).ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        var external = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();

        var there = await MigrationSetup.RunAsync(admin, onboard, external);

        Assert.True(there["state"]!.GetValue<string>() == "success", there.ToJsonString() + "\n" + b.Output);
        Assert.Equal("Migrated 3 keys.", there["message"]!.GetValue<string>());
        await using var asB = new KmipClient(a.Options("cluster-b"));
        await using var stranger = new KmipClient(a.Options("someone-else"));
        var uids = new List<string>();
        foreach (var keyId in keys)
        {
            Assert.Equal(external, MigrationSetup.KeyManagerOf(b.DataDir, keyId));
            var (server, uid) = Assert.Single(VolumeSetup.Locations(b.DataDir, keyId));
            Assert.Equal(a.KmipEndpoint, server);
            Assert.Equal(32, (await asB.GetKeyMaterialAsync(uid)).Length);
            // Tenancy: the key is B's; another client of A can neither fetch nor find it.
            var denied = await Assert.ThrowsAsync<KmipOperationException>(() => stranger.GetKeyMaterialAsync(uid));
            Assert.Contains(denied.Reason, new ResultReason?[] { ResultReason.ItemNotFound, ResultReason.PermissionDenied });
            uids.Add(uid);
        }
        Assert.Equal(3, uids.Distinct().Count());

        var back = await MigrationSetup.RunAsync(admin, external, onboard);

        Assert.True(back["state"]!.GetValue<string>() == "success", back.ToJsonString() + "\n" + b.Output);
        Assert.Equal("Migrated 3 keys.", back["message"]!.GetValue<string>());
        foreach (var keyId in keys)
        {
            Assert.Equal(onboard, MigrationSetup.KeyManagerOf(b.DataDir, keyId));
            Assert.Empty(VolumeSetup.Locations(b.DataDir, keyId));
        }
        foreach (var uid in uids)
        {
            var gone = await Assert.ThrowsAsync<KmipOperationException>(() => asB.GetKeyMaterialAsync(uid));
            Assert.Equal(ResultReason.ItemNotFound, gone.Reason);
        }
        Assert.Equal(volumesBefore, StoreProbe.Rows(b.DataDir, "SELECT uuid, key_id FROM volumes ORDER BY uuid"));
        var volumes = (await admin.GetJsonAsync("/api/storage/volumes?fields=encryption.state")).Body!["records"]!.AsArray();
        Assert.Equal(3, volumes.Count);
    }

    private static async Task<string> InstallAsync(HttpClient admin, JsonObject body)
    {
        var created = await admin.PostJsonAsync("/api/security/certificates?return_records=true", body.ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }
}
