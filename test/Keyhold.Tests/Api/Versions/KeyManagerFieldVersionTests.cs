using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Versions;

/// <summary>The key-manager record's 9.16.1 fields <c>enabled</c> and <c>configuration</c>, and their absence before.</summary>
public sealed class KeyManagerFieldVersionTests
{
    [Fact]
    public async Task At_9_16_1_a_key_manager_is_its_enabled_default_configuration_and_filters_on_it()
    {
        using var factory = At("9.16.1");
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);

        var got = await client.GetJsonAsync($"/api/security/key-managers?configuration.name=default&configuration.uuid={km}&enabled=true&fields=enabled,configuration");

        var record = Assert.Single(got.Body!["records"]!.AsArray())!;
        Assert.True(record["enabled"]!.GetValue<bool>());
        Assert.Equal("default", record["configuration"]!["name"]!.GetValue<string>());
        Assert.Equal(km, record["configuration"]!["uuid"]!.GetValue<string>());
        Assert.Equal(km, StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM key_managers")[0][0]);
        Assert.Equal(0, (await client.GetJsonAsync("/api/security/key-managers?enabled=false")).Body!["num_records"]!.GetValue<int>());
        (await client.PatchJsonAsync($"/api/security/key-managers/{km}", new { enabled = false })).AssertError(HttpStatusCode.BadRequest, "262196", target: "enabled");
    }

    [Fact]
    public async Task At_9_14_1_enabled_and_configuration_are_fields_the_release_never_had()
    {
        using var factory = At("9.14.1");
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);

        (await client.GetJsonAsync("/api/security/key-managers?fields=configuration")).AssertError(HttpStatusCode.BadRequest, "262197", target: "fields");
        (await client.GetJsonAsync("/api/security/key-managers?enabled=true")).AssertError(HttpStatusCode.BadRequest, "262179", "Unexpected argument \"enabled\".", "enabled");
        var record = (await client.GetJsonAsync($"/api/security/key-managers/{km}?fields=*")).Body!;
        Assert.Null(record["enabled"]);
        Assert.Null(record["configuration"]);
        Assert.True(record["onboard"]!["enabled"]!.GetValue<bool>());
    }

    private static KeyholdFactory At(string release) => new() { Settings = { ["Keyhold:Ontap:Version"] = release } };
}
