using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Keys;
using Keyhold.External;
using Keyhold.Tests.External;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

/// <summary>Which key manager makes a volume's key: the SVM's own if it has one, else the cluster's (real PyKMIP for external keys).</summary>
public sealed class VolumeKeyManagerChoiceTests
{
    [SkippableFact]
    public async Task The_svm_key_manager_wins_over_the_cluster_one_and_other_svms_keep_using_the_cluster_one()
    {
        using var host = new ExternalHost();
        var onboard = await OnboardSetup.EnableAsync(host.Admin);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        await VolumeSetup.SvmAsync(host.Admin, "vs2");
        var external = await host.CreateOnSvmAsync("vs1", KmipPeers.A);

        var (_, externalKey) = await VolumeSetup.VolumeAsync(host.Admin, "vol1", "vs1");
        var (_, onboardKey) = await VolumeSetup.VolumeAsync(host.Admin, "vol1", "vs2");

        var stored = VolumeSetup.KeyRow(host.DataDir, externalKey!)!;
        Assert.Equal(external, stored[0]);
        Assert.Null(stored[4]);
        var location = JsonNode.Parse((string)stored[5]!)!["kmip"]!.AsArray().Single()!;
        Assert.Equal(KmipPeers.A.Server, location["server"]!.GetValue<string>());
        Assert.Equal(await KeyMaterial.ReadAsync(host.Services, externalKey!), await PeerKeys.MaterialAsync(KmipPeers.A, location["uid"]!.GetValue<string>()));
        var onboardRow = VolumeSetup.KeyRow(host.DataDir, onboardKey!)!;
        Assert.Equal(onboard, onboardRow[0]);
        Assert.NotNull(onboardRow[4]);
        Assert.Null(JsonNode.Parse((string)onboardRow[5]!)!["kmip"]);
        Assert.Empty(await PeerKeys.LocateAsync(KmipPeers.A, onboardKey!));
    }

    [SkippableFact]
    public async Task A_key_made_while_the_effective_key_manager_changed_is_abandoned_on_its_servers_and_nothing_is_stored()
    {
        var gate = new GatedKeyStore(KeyManager.External);
        using var host = new ExternalHost(services: gate.AddTo<ExternalKeyStore>);
        await host.CreateOnAsync(KmipPeers.A);
        await VolumeSetup.SvmAsync(host.Admin, "vs1");
        string? made = null;
        gate.AfterCreate = async key =>
        {
            made = key.KeyId;
            await host.CreateOnSvmAsync("vs1", KmipPeers.A, KmipPeers.A.Alias); // vs1's keys now belong to its own key manager
        };

        var refused = await host.Admin.PostJsonAsync("/api/storage/volumes", """{"name": "vol1", "svm.name": "vs1", "encryption.enabled": true}""");

        refused.AssertError(HttpStatusCode.Conflict, "65537404", target: "encryption.enabled");
        Assert.NotNull(made);
        Assert.Empty(await PeerKeys.LocateAsync(KmipPeers.A, made!));
        Assert.Equal(0, host.Count("volumes"));
        Assert.Equal(0, host.Count("keys"));
    }
}
