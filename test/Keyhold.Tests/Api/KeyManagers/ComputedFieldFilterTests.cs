using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>
/// Issue 12 row 3: a filter on a computed field (status, key_backup) matches whether or not the field is also named in
/// `fields`, and the answer still carries only the fields asked for.
/// </summary>
public sealed class ComputedFieldFilterTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Theory]
    [InlineData("status.code=0", 1)]
    [InlineData("status.code=65537201", 0)]
    [InlineData("status.message=*", 1)]
    [InlineData("onboard.key_backup=*", 1)]
    [InlineData("onboard.key_backup=nothing-like-it", 0)]
    public async Task Filters_on_computed_fields_match_without_naming_them_in_fields(string filter, int expected)
    {
        using var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);
        var found = await client.GetJsonAsync($"/api/security/key-managers?{filter}");
        found.AssertStatus(HttpStatusCode.OK);
        Assert.Equal(expected, found.Body!["num_records"]!.GetValue<int>());
        if (expected == 1)
        {
            var record = found.Body["records"]![0]!.AsObject();
            Assert.Equal(uuid, record["uuid"]!.GetValue<string>());
            Assert.False(record.ContainsKey("status"), "status was not asked for");
            Assert.False(record.ContainsKey("onboard"), "onboard was not asked for");
        }
    }

    [Fact]
    public async Task A_query_based_patch_matches_on_a_computed_field()
    {
        using var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);
        var patched = await client.PatchJsonAsync("/api/security/key-managers?status.code=0", new { is_default_data_at_rest_encryption_disabled = true });
        patched.AssertStatus(HttpStatusCode.OK);
        var got = await client.GetJsonAsync($"/api/security/key-managers/{uuid}?fields=is_default_data_at_rest_encryption_disabled");
        Assert.True(got.Body!["is_default_data_at_rest_encryption_disabled"]!.GetValue<bool>());
        // A filter that matches nothing changes nothing.
        (await client.PatchJsonAsync("/api/security/key-managers?status.code=65537201", new { is_default_data_at_rest_encryption_disabled = false }))
            .AssertStatus(HttpStatusCode.OK);
        got = await client.GetJsonAsync($"/api/security/key-managers/{uuid}?fields=is_default_data_at_rest_encryption_disabled");
        Assert.True(got.Body!["is_default_data_at_rest_encryption_disabled"]!.GetValue<bool>());
    }
}
