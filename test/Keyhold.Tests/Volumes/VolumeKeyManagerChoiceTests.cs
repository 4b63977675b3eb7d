using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Keys;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

/// <summary>Which key manager makes a volume's key: the SVM's own if it has one, else the cluster's.</summary>
public sealed class VolumeKeyManagerChoiceTests
{
    [Fact]
    public async Task An_svm_with_an_external_key_manager_but_no_external_key_storage_gets_a_clear_refusal_not_a_fake_key()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        var svm = await VolumeSetup.SvmAsync(client);
        await MemoryKeyStore.ExternalKeyManagerAsync(factory.Services, svm);

        var refused = await client.PostJsonAsync("/api/storage/volumes", """{"name": "vol1", "svm.name": "vs1", "encryption.enabled": true}""");

        refused.AssertError(HttpStatusCode.BadRequest, "65537402", "Key storage for external key managers is not available in this version of Keyhold.", "encryption.enabled");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "volumes"));
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "keys"));
    }

    [Fact]
    public async Task The_svm_key_manager_wins_over_the_cluster_one_and_other_svms_keep_using_the_cluster_one()
    {
        using var factory = new KeyholdFactory();
        var memory = new MemoryKeyStore();
        using var host = memory.Host(factory);
        var client = MemoryKeyStore.Admin(host);
        var onboard = await OnboardSetup.EnableAsync(client);
        var vs1 = await VolumeSetup.SvmAsync(client, "vs1");
        await VolumeSetup.SvmAsync(client, "vs2");
        var external = await MemoryKeyStore.ExternalKeyManagerAsync(host.Services, vs1);

        var (_, externalKey) = await VolumeSetup.VolumeAsync(client, "vol1", "vs1");
        var (_, onboardKey) = await VolumeSetup.VolumeAsync(client, "vol1", "vs2");

        var stored = VolumeSetup.KeyRow(factory.DataDir, externalKey!)!;
        Assert.Equal(external.ToString(), stored[0]);
        Assert.Null(stored[4]);
        Assert.Equal("kept", JsonNode.Parse((string)stored[5]!)!["memory"]!.GetValue<string>());
        Assert.True(memory.Keys.ContainsKey(externalKey!));
        Assert.Equal(onboard, VolumeSetup.KeyRow(factory.DataDir, onboardKey!)![0]);
        Assert.False(memory.Keys.ContainsKey(onboardKey!));
    }

    [Fact]
    public async Task A_key_made_by_a_key_manager_deleted_meanwhile_is_abandoned_and_nothing_is_stored()
    {
        using var factory = new KeyholdFactory();
        var memory = new MemoryKeyStore();
        using var host = memory.Host(factory);
        var client = MemoryKeyStore.Admin(host);
        var svm = await VolumeSetup.SvmAsync(client);
        var km = await MemoryKeyStore.ExternalKeyManagerAsync(host.Services, svm);
        memory.AfterCreate = async () => (await client.DeleteJsonAsync($"/api/security/key-managers/{km}")).AssertStatus(HttpStatusCode.OK);

        var refused = await client.PostJsonAsync("/api/storage/volumes", """{"name": "vol1", "svm.name": "vs1", "encryption.enabled": true}""");

        refused.AssertError(HttpStatusCode.Conflict, "65537404", target: "encryption.enabled");
        Assert.Single(memory.Abandoned);
        Assert.Empty(memory.Keys);
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "volumes"));
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "keys"));
    }
}
