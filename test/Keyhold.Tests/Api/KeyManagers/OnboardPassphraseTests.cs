using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

public sealed class OnboardPassphraseTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    private async Task<(HttpClient Client, string Uuid, string Backup)> EnabledAsync()
    {
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);
        return (client, uuid, await OnboardSetup.BackupAsync(client, uuid));
    }

    private static object Change(string? existing, string? passphrase) => new { onboard = new { existing_passphrase = existing, passphrase } };

    [Fact]
    public async Task Passphrase_change_rewraps_the_root_key_and_changes_key_backup()
    {
        var (client, uuid, backup) = await EnabledAsync();
        var before = StoreProbe.Rows(factory.DataDir, "SELECT wrapped_root, root_fingerprint FROM onboard")[0];

        var changed = await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", Change(OnboardSetup.Passphrase, OnboardSetup.Other));

        changed.AssertStatus(HttpStatusCode.OK);
        Assert.Null(changed.Body?["error"]);
        Assert.NotEqual(backup, await OnboardSetup.BackupAsync(client, uuid));
        var after = StoreProbe.Rows(factory.DataDir, "SELECT wrapped_root, root_fingerprint FROM onboard")[0];
        Assert.NotEqual((byte[])before[0]!, (byte[])after[0]!);
        Assert.Equal(before[1], after[1]);
        // The old passphrase no longer opens the hierarchy; the new one does.
        (await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", Change(OnboardSetup.Passphrase, OnboardSetup.Passphrase + "x")))
            .AssertError(HttpStatusCode.BadRequest, "65536139", "Cluster-wide passphrase is incorrect.");
        (await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", Change(OnboardSetup.Other, OnboardSetup.Other)))
            .AssertError(HttpStatusCode.BadRequest, "65536150", "New passphrase cannot be same as the old passphrase.");
    }

    [Fact]
    public async Task Wrong_existing_passphrase_is_65536139_and_leaves_key_backup_unchanged()
    {
        var (client, uuid, backup) = await EnabledAsync();

        var result = await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", Change("this is not the passphrase, but long enough", OnboardSetup.Other));

        result.AssertError(HttpStatusCode.BadRequest, "65536139", "Cluster-wide passphrase is incorrect.", "onboard.existing_passphrase");
        Assert.Equal(backup, await OnboardSetup.BackupAsync(client, uuid));
    }

    [Fact]
    public async Task Same_new_and_existing_passphrase_is_65536150()
    {
        var (client, uuid, backup) = await EnabledAsync();

        var result = await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", Change(OnboardSetup.Passphrase, OnboardSetup.Passphrase));

        result.AssertError(HttpStatusCode.BadRequest, "65536150", "New passphrase cannot be same as the old passphrase.");
        Assert.Equal(backup, await OnboardSetup.BackupAsync(client, uuid));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Only_one_of_existing_and_new_is_65536917(bool existing, bool passphrase)
    {
        var (client, uuid, backup) = await EnabledAsync();

        var result = await client.PatchJsonAsync($"/api/security/key-managers/{uuid}",
            Change(existing ? OnboardSetup.Passphrase : null, passphrase ? OnboardSetup.Other : null));

        result.AssertError(HttpStatusCode.BadRequest, "65536917");
        Assert.Equal(backup, await OnboardSetup.BackupAsync(client, uuid));
    }

    [Fact]
    public async Task New_passphrase_of_wrong_length_is_65536404()
    {
        var (client, uuid, backup) = await EnabledAsync();

        var result = await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", Change(OnboardSetup.Passphrase, "short"));

        result.AssertError(HttpStatusCode.BadRequest, "65536404");
        Assert.Equal(backup, await OnboardSetup.BackupAsync(client, uuid));
    }

    [Fact]
    public async Task Patch_synchronize_rules_are_65537242_and_65537243_and_a_correct_sync_succeeds()
    {
        var (client, uuid, backup) = await EnabledAsync();
        var url = $"/api/security/key-managers/{uuid}";

        (await client.PatchJsonAsync(url, new { onboard = new { synchronize = true } })).AssertError(HttpStatusCode.BadRequest, "65537242");
        (await client.PatchJsonAsync(url, new { onboard = new { synchronize = true, existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
            .AssertError(HttpStatusCode.BadRequest, "65537243");
        (await client.PatchJsonAsync(url, new { onboard = new { synchronize = true, existing_passphrase = "wrong wrong wrong wrong wrong wrong" } }))
            .AssertError(HttpStatusCode.BadRequest, "65536139");
        (await client.PatchJsonAsync(url + "?return_timeout=30", new { onboard = new { synchronize = true, existing_passphrase = OnboardSetup.Passphrase } }))
            .AssertStatus(HttpStatusCode.OK);
        Assert.Equal(backup, await OnboardSetup.BackupAsync(client, uuid));
    }

    [Fact]
    public async Task Is_default_data_at_rest_encryption_disabled_can_be_patched()
    {
        var (client, uuid, _) = await EnabledAsync();

        (await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", new { is_default_data_at_rest_encryption_disabled = true })).AssertStatus(HttpStatusCode.OK);

        var got = await client.GetJsonAsync($"/api/security/key-managers/{uuid}?fields=is_default_data_at_rest_encryption_disabled");
        Assert.True(got.Body!["is_default_data_at_rest_encryption_disabled"]!.GetValue<bool>());
        Assert.Equal(1L, StoreProbe.Rows(factory.DataDir, "SELECT dare_disabled FROM key_managers")[0][0]);
    }

    [Fact]
    public async Task Patch_of_a_read_only_field_is_refused_and_unknown_uuid_is_404()
    {
        var (client, uuid, _) = await EnabledAsync();

        (await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", new { onboard = new { key_backup = "x" } }))
            .AssertError(HttpStatusCode.BadRequest, "262196", target: "onboard.key_backup");
        (await client.PatchJsonAsync($"/api/security/key-managers/{Guid.NewGuid()}", Change(OnboardSetup.Passphrase, OnboardSetup.Other)))
            .AssertError(HttpStatusCode.NotFound, "4");
    }

    public void Dispose() => factory.Dispose();
}
