using System.Net;
using Keyhold.Jobs;
using Keyhold.Tests.Keystores;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KeyManagers;

/// <summary>
/// Where a configuration staged with create_inactive counts (Keys/InactiveConfigurations): listed and reached by its
/// uuid, never matched by a PATCH or DELETE of the key-managers collection, and deleted by its uuid only after the
/// checks DELETE /api/security/key-stores makes; an instance PATCH of it is refused (65537301 for onboard; external and
/// its key servers: InactiveKeyServerChangeTests). Each refusal leaves the store as it was.
/// </summary>
public sealed class InactiveConfigurationReachTests : IDisposable
{
    private const string Managers = "/api/security/key-managers";

    private readonly KeyholdFactory factory = new();
    private readonly HttpClient admin;

    public InactiveConfigurationReachTests() => admin = factory.Admin();

    private Task<string> StageOnboardAsync() => KeystoreSetup.InactiveAsync(admin, new { onboard = new { passphrase = OnboardSetup.Passphrase } });

    private object? WrappedRoot(string uuid) => StoreProbe.Rows(factory.DataDir, $"SELECT wrapped_root FROM onboard WHERE key_manager_uuid = '{uuid}'").Single()[0];

    [Fact]
    public async Task A_collection_delete_does_not_match_an_inactive_configuration()
    {
        var staged = await StageOnboardAsync();

        (await admin.DeleteJsonAsync($"{Managers}?scope=cluster")).AssertStatus(HttpStatusCode.OK);
        (await admin.DeleteJsonAsync($"{Managers}?enabled=false")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal("cluster/inactive/onboard", KeystoreSetup.ScopeKeys(factory.DataDir)[staged]);
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "onboard"));
        // Still listed, as ONTAP 9.16.1 lists it.
        var listed = await admin.GetJsonAsync($"{Managers}?enabled=false");
        Assert.Equal(staged, listed.Body!["records"]![0]!["uuid"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_collection_patch_does_not_change_an_inactive_configuration_but_does_change_the_enabled_one()
    {
        var staged = await StageOnboardAsync();
        var before = WrappedRoot(staged);
        var change = new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } };

        (await admin.PatchJsonAsync($"{Managers}?scope=cluster", change)).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(before, WrappedRoot(staged));

        // Once enabled it is the cluster's key manager, and the same PATCH reaches it.
        Assert.Equal("success", (await KeystoreSetup.SwitchAsync(admin, staged))["state"]!.GetValue<string>());
        (await admin.PatchJsonAsync($"{Managers}?scope=cluster", change)).AssertStatus(HttpStatusCode.OK);
        Assert.NotEqual(before, WrappedRoot(staged));
    }

    [Fact]
    public async Task Deleting_an_inactive_configuration_by_its_key_manager_uuid_is_refused_while_its_svm_switches_65539593()
    {
        var staged = await StageOnboardAsync();
        // The row a node leaves when it dies in the middle of a switch: running until that node starts again.
        await factory.Service<JobRepository>().SaveAsync(new Job(Guid.NewGuid(), $"PATCH /api/security/key-stores/{staged}", Job.Running, "", 0,
            DateTimeOffset.UtcNow, null, Guid.NewGuid()), default);

        (await admin.DeleteJsonAsync($"{Managers}/{staged}"))
            .AssertError(HttpStatusCode.BadRequest, "65539593", "Cannot delete an inactive key manager configuration while the keystore is in the switching state.", "uuid");

        Assert.Equal("cluster/inactive/onboard", KeystoreSetup.ScopeKeys(factory.DataDir)[staged]);
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "onboard"));
    }

    [Fact]
    public async Task An_inactive_configuration_deleted_by_its_key_manager_uuid_takes_its_root_key_with_it()
    {
        var staged = await StageOnboardAsync();

        (await admin.DeleteJsonAsync($"{Managers}/{staged}")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "onboard"));
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "root_key_seals"));
        (await admin.DeleteJsonAsync($"{Managers}/{staged}")).AssertError(HttpStatusCode.NotFound, "4");
    }

    [Fact]
    public async Task Auth_keys_under_an_inactive_configuration_are_65538802()
    {
        var staged = await StageOnboardAsync();

        (await admin.PostJsonAsync($"{Managers}/{staged}/auth-keys", new { key_tag = "t1" }))
            .AssertError(HttpStatusCode.BadRequest, "65538802", target: "security_key_manager.uuid");
        (await admin.GetJsonAsync($"{Managers}/{staged}/auth-keys")).AssertError(HttpStatusCode.BadRequest, "65538802");

        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "keys"));
    }

    [Fact]
    public async Task An_instance_patch_of_an_inactive_onboard_configuration_is_65537301_and_changes_nothing()
    {
        var staged = await StageOnboardAsync();
        var row = Row(staged);
        var root = WrappedRoot(staged);

        (await admin.PatchJsonAsync($"{Managers}/{staged}", new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
            .AssertError(HttpStatusCode.BadRequest, "65537301", "The Onboard Key Manager is not enabled.", "uuid");
        (await admin.PatchJsonAsync($"{Managers}/{staged}", new { is_default_data_at_rest_encryption_disabled = true }))
            .AssertError(HttpStatusCode.BadRequest, "65537301", "The Onboard Key Manager is not enabled.", "uuid");

        Assert.Equal(row, Row(staged));
        Assert.Equal(root, WrappedRoot(staged));
        // Once enabled it is the cluster's key manager, and the same PATCH reaches it.
        Assert.Equal("success", (await KeystoreSetup.SwitchAsync(admin, staged))["state"]!.GetValue<string>());
        (await admin.PatchJsonAsync($"{Managers}/{staged}", new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.NotEqual(root, WrappedRoot(staged));
    }

    private string Row(string uuid) => string.Join("|", StoreProbe.Rows(factory.DataDir, $"SELECT * FROM key_managers WHERE uuid = '{uuid}'").Single());

    public void Dispose()
    {
        admin.Dispose();
        factory.Dispose();
    }
}
