using System.Net;
using Keyhold.Jobs;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Keystores;

/// <summary>Every PATCH and DELETE key-store error Keyhold meets without key servers: ONTAP's code, 4xx, and nothing stored changes.</summary>
public sealed class KeystoreErrorTests : IDisposable
{
    private readonly KeyholdFactory factory = new();
    private readonly HttpClient admin;

    public KeystoreErrorTests() => admin = factory.Admin();

    [Fact]
    public async Task Patch_needs_enabled_true_on_a_configuration_that_exists_and_is_not_enabled()
    {
        var okm = await OnboardSetup.EnableAsync(admin);
        var before = KeystoreSetup.ScopeKeys(factory.DataDir);

        (await admin.PatchJsonAsync($"{KeystoreSetup.Stores}/{okm}", new { })).AssertError(HttpStatusCode.BadRequest, "65538909", "A value for enabled is required.");
        (await admin.PatchJsonAsync($"{KeystoreSetup.Stores}/{okm}", new { enabled = false }))
            .AssertError(HttpStatusCode.BadRequest, "65538910", "Disabling an enabled configuration through this method is currently not supported.");
        (await KeystoreSetup.EnableAsync(admin, okm)).AssertError(HttpStatusCode.BadRequest, "65539218", "The specified keystore configuration is already enabled.");
        (await KeystoreSetup.EnableAsync(admin, Guid.NewGuid().ToString())).AssertError(HttpStatusCode.NotFound, "65539207", "The specified keystore configuration does not exist.");
        (await KeystoreSetup.EnableAsync(admin, "not-a-uuid")).AssertError(HttpStatusCode.NotFound, "65538908");
        (await admin.PatchJsonAsync($"{KeystoreSetup.Stores}/{okm}", new { enabled = true, scope = "svm" })).AssertError(HttpStatusCode.BadRequest, "262196");
        (await admin.PatchJsonAsync($"{KeystoreSetup.Stores}/{okm}", new { enabled = true, colour = "blue" })).AssertError(HttpStatusCode.BadRequest, "262179");

        Assert.Equal(before, KeystoreSetup.ScopeKeys(factory.DataDir));
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "jobs"));
    }

    [Fact]
    public async Task Delete_refuses_the_enabled_configuration_and_unknown_ones()
    {
        var okm = await OnboardSetup.EnableAsync(admin);

        (await admin.DeleteJsonAsync($"{KeystoreSetup.Stores}/{okm}"))
            .AssertError(HttpStatusCode.BadRequest, "65538905", "The keystore configuration is currently enabled and cannot be deleted.");
        (await admin.DeleteJsonAsync($"{KeystoreSetup.Stores}/{Guid.NewGuid()}")).AssertError(HttpStatusCode.NotFound, "65538908");
        (await admin.DeleteJsonAsync($"{KeystoreSetup.Stores}/x")).AssertError(HttpStatusCode.NotFound, "65538908");

        Assert.Equal("cluster", KeystoreSetup.ScopeKeys(factory.DataDir)[okm]);
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "onboard"));
    }

    [Fact]
    public async Task One_inactive_onboard_configuration_at_most_and_it_blocks_enabling_another()
    {
        var staged = await KeystoreSetup.InactiveAsync(admin, new { onboard = new { passphrase = OnboardSetup.Passphrase } });

        (await admin.PostJsonAsync("/api/security/key-managers?create_inactive=true", new { onboard = new { passphrase = OnboardSetup.Other } }))
            .AssertError(HttpStatusCode.BadRequest, "65539520");
        (await admin.PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = OnboardSetup.Other } }))
            .AssertError(HttpStatusCode.BadRequest, "65539520");

        Assert.Equal([staged], KeystoreSetup.ScopeKeys(factory.DataDir).Keys);
    }

    [Fact]
    public async Task An_inactive_onboard_configuration_beside_an_enabled_onboard_one_is_refused()
    {
        await OnboardSetup.EnableAsync(admin);

        (await admin.PostJsonAsync("/api/security/key-managers?create_inactive=true", new { onboard = new { passphrase = OnboardSetup.Other } }))
            .AssertError(HttpStatusCode.BadRequest, "65536907");
        (await admin.PostJsonAsync("/api/security/key-managers?create_inactive=maybe", new { onboard = new { passphrase = OnboardSetup.Other } }))
            .AssertError(HttpStatusCode.BadRequest, "262197");

        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    [Fact]
    public async Task An_inactive_configuration_is_enabled_then_deleted_once_inactive_again_and_its_root_key_goes_with_it()
    {
        var staged = await KeystoreSetup.InactiveAsync(admin, new { onboard = new { passphrase = OnboardSetup.Passphrase } });

        var job = await KeystoreSetup.SwitchAsync(admin, staged);

        Assert.Equal("success", job["state"]!.GetValue<string>());
        Assert.Equal("cluster", KeystoreSetup.ScopeKeys(factory.DataDir)[staged]);
        Assert.Equal("active", (await admin.GetJsonAsync($"{KeystoreSetup.Stores}/{staged}?fields=state")).Body!["state"]!.GetValue<string>());
        await Keyhold.Tests.Volumes.VolumeSetup.SvmAsync(admin, "vs1");
        var (_, key) = await Keyhold.Tests.Volumes.VolumeSetup.VolumeAsync(admin, "v1");
        Assert.Equal(staged, (string)Keyhold.Tests.Volumes.VolumeSetup.KeyRow(factory.DataDir, key!)![0]!);
    }

    [Fact]
    public async Task While_a_switch_job_of_the_scope_runs_the_enabled_configuration_is_switching_and_the_inactive_one_cannot_be_deleted()
    {
        var staged = await KeystoreSetup.InactiveAsync(admin, new { onboard = new { passphrase = OnboardSetup.Passphrase } });
        // The row a node leaves when it dies in the middle of a switch: running until that node starts again.
        await factory.Service<JobRepository>().SaveAsync(new Job(Guid.NewGuid(), $"PATCH /api/security/key-stores/{staged}", Job.Running, "", 0,
            DateTimeOffset.UtcNow, null, Guid.NewGuid()), default);

        (await admin.DeleteJsonAsync($"{KeystoreSetup.Stores}/{staged}"))
            .AssertError(HttpStatusCode.BadRequest, "65539593", "Cannot delete an inactive key manager configuration while the keystore is in the switching state.");

        Assert.Equal([staged], KeystoreSetup.ScopeKeys(factory.DataDir).Keys);
    }

    public void Dispose()
    {
        admin.Dispose();
        factory.Dispose();
    }
}
