using System.Net;
using Keyhold.Tests.Support;
using Microsoft.Extensions.Options;

namespace Keyhold.Tests.Volumes;

/// <summary>
/// The onboard key manager holds no more keys than one key_backup carries (Keyhold:OnboardMaxKeys, 1,000,000 and
/// lowered here to 3, so no million keys are seeded): past it an encrypted volume POST, an encryption PATCH and an
/// auth-key POST are refused with the store as it was, a rekey (which frees the key it replaces) still works, and a
/// deleted volume makes room again. On both stores: PostgreSQL sends the volume POST as statements only (group commit).
/// </summary>
public sealed class OnboardKeyCapTests
{
    private const long Cap = 3;
    private const string Volumes = "/api/storage/volumes";

    [Fact]
    public async Task Past_the_cap_no_onboard_key_is_created_and_nothing_changes_on_sqlite()
    {
        using var factory = Capped(new KeyholdFactory());
        await RunAsync(factory, sql => StoreProbe.Rows(factory.DataDir, sql));
    }

    [SkippableFact]
    public async Task Past_the_cap_no_onboard_key_is_created_and_nothing_changes_on_postgres()
    {
        using var database = PostgresDatabase.Create();
        using var factory = Capped(new KeyholdFactory(postgres: database.ConnectionString));
        await RunAsync(factory, database.Rows);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000001")]
    public void A_cap_outside_1_to_1000000_stops_the_start(string value)
    {
        using var refused = new KeyholdFactory();
        refused.Settings["Keyhold:OnboardMaxKeys"] = value;

        var failure = Assert.Throws<OptionsValidationException>(() => refused.CreateClient());
        Assert.Contains("Keyhold:OnboardMaxKeys", failure.Message);
    }

    private static KeyholdFactory Capped(KeyholdFactory factory)
    {
        factory.Settings["Keyhold:OnboardMaxKeys"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return factory;
    }

    private static async Task RunAsync(KeyholdFactory factory, Func<string, List<object?[]>> rows)
    {
        using var admin = factory.Admin();
        long Keys() => Convert.ToInt64(rows("SELECT COUNT(*) FROM keys").Single()[0], System.Globalization.CultureInfo.InvariantCulture);
        // Volumes without their row_version: the refused PATCH's job marks the volume "encrypting" (as ONTAP shows it
        // while the job runs) and settles it back, so the row's version moves although its contents end as they were.
        const string VolumeContents = "SELECT uuid, svm_uuid, name, size, state, encryption_state, key_id, attributes, created FROM volumes";
        string Stored() => string.Join("\n", new[] { "keys", "volumes", "row_counts" }
            .SelectMany(table => rows(table == "volumes" ? VolumeContents : StoreProbe.ContentsOf(table)).Select(r => table + ":" + string.Join("|", r))).Order());

        var km = await OnboardSetup.EnableAsync(admin);
        await VolumeSetup.SvmAsync(admin);
        var (plain, _) = await VolumeSetup.VolumeAsync(admin, "plain", encrypted: false);
        var first = "";
        for (var i = Keys(); i < Cap; i++)
        {
            var (uuid, _) = await VolumeSetup.VolumeAsync(admin, $"vol{i}");
            first = first.Length == 0 ? uuid : first;
        }
        Assert.Equal(Cap, Keys());
        var before = Stored();

        var refused = await admin.PostJsonAsync(Volumes, new { name = "one_too_many", svm = new { name = "vs1" }, encryption = new { enabled = true } });
        refused.AssertError(HttpStatusCode.BadRequest, "65537406", target: "encryption.enabled");
        Assert.StartsWith($"The Onboard Key Manager already holds {Cap} keys, the most one key_backup can hold.", refused.Body!["error"]!["message"]!.GetValue<string>());
        // The PATCH runs as a job; return_timeout answers with the job's error (a job keeps no target).
        (await admin.PatchJsonAsync($"{Volumes}/{plain}?return_timeout=30", new { encryption = new { enabled = true } }))
            .AssertError(HttpStatusCode.BadRequest, "65537406");
        (await admin.PostJsonAsync($"/api/security/key-managers/{km}/auth-keys", new { key_tag = "ak1" }))
            .AssertError(HttpStatusCode.BadRequest, "65536048", "The maximum number of authentication keys are already configured.", "security_key_manager.uuid");
        Assert.Equal(before, Stored());

        // A rekey replaces a key, so it needs no room; a deleted volume frees its key's.
        (await admin.PatchJsonAsync($"{Volumes}/{first}?return_timeout=30", new { encryption = new { rekey = true } })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(Cap, Keys());
        (await admin.DeleteJsonAsync($"{Volumes}/{first}")).AssertStatus(HttpStatusCode.OK);
        await VolumeSetup.VolumeAsync(admin, "room_again");
        Assert.Equal(Cap, Keys());
    }
}
