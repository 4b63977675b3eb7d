using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

public sealed class VolumeQueryTests
{
    [Fact]
    public async Task Collection_filters_order_and_pages_in_the_store()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client, "vs1");
        await VolumeSetup.SvmAsync(client, "vs2");
        await VolumeSetup.VolumeAsync(client, "alpha", "vs1");
        await VolumeSetup.VolumeAsync(client, "beta", "vs1", encrypted: false);
        await VolumeSetup.VolumeAsync(client, "gamma", "vs2");
        (await client.PostJsonAsync("/api/storage/volumes", new { name = "delta", svm = new { name = "vs2" }, size = 1L << 30, state = "offline", encryption = new { enabled = false } }))
            .AssertStatus(HttpStatusCode.Created);

        Assert.Equal(["alpha", "gamma"], await NamesAsync(client, "encryption.enabled=true"));
        Assert.Equal(["beta", "delta"], await NamesAsync(client, "encryption.type=none"));
        Assert.Equal(["alpha", "beta"], await NamesAsync(client, "svm.name=vs1"));
        Assert.Equal(["delta"], await NamesAsync(client, "size=<2147483648"));
        Assert.Equal(["delta"], await NamesAsync(client, "state=offline"));
        Assert.Equal(["alpha", "gamma"], await NamesAsync(client, "encryption.state=encrypted"));
        Assert.Equal(["alpha", "gamma"], await NamesAsync(client, "encryption.key_id=!null"));
        Assert.Equal(["gamma", "delta", "beta", "alpha"], await NamesAsync(client, "order_by=name desc"));
        Assert.Equal(["beta", "delta"], await NamesAsync(client, "name=*ta"));

        var page = await client.GetJsonAsync("/api/storage/volumes?max_records=3&order_by=name");
        Assert.Equal(3, page.Body!["num_records"]!.GetValue<int>());
        var next = await client.GetJsonAsync(page.Body["_links"]!["next"]!["href"]!.GetValue<string>());
        Assert.Equal("gamma", next.Body!["records"]![0]!["name"]!.GetValue<string>());
        Assert.Null(next.Body["_links"]!["next"]);
    }

    [Fact]
    public async Task Default_collection_fields_are_uuid_name_and_links_and_fields_star_adds_the_rest()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);
        var (uuid, keyId) = await VolumeSetup.VolumeAsync(client, "vol1");

        var plain = (await client.GetJsonAsync("/api/storage/volumes")).Body!["records"]![0]!.AsObject();
        Assert.Equal(["uuid", "name", "_links"], plain.Select(p => p.Key));
        var star = (await client.GetJsonAsync("/api/storage/volumes?fields=*")).Body!["records"]![0]!;
        Assert.Equal(keyId, star["encryption"]!["key_id"]!.GetValue<string>());
        Assert.Equal("vs1", star["svm"]!["name"]!.GetValue<string>());
        var narrow = await client.GetJsonAsync($"/api/storage/volumes/{uuid}?fields=encryption.state");
        Assert.Equal("encrypted", narrow.Body!["encryption"]!["state"]!.GetValue<string>());
        Assert.Null(narrow.Body["size"]);
    }

    [Fact]
    public async Task Unknown_volume_is_404_code_4_and_unknown_parameters_are_262179()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();

        (await client.GetJsonAsync($"/api/storage/volumes/{Guid.NewGuid()}")).AssertError(HttpStatusCode.NotFound, "4", target: "uuid");
        (await client.GetJsonAsync("/api/storage/volumes/not-a-uuid")).AssertError(HttpStatusCode.NotFound, "4", target: "uuid");
        (await client.PatchJsonAsync($"/api/storage/volumes/{Guid.NewGuid()}", new { size = 1L << 30 })).AssertError(HttpStatusCode.NotFound, "4");
        (await client.DeleteJsonAsync($"/api/storage/volumes/{Guid.NewGuid()}")).AssertError(HttpStatusCode.NotFound, "4");
        (await client.GetJsonAsync("/api/storage/volumes?colour=blue")).AssertError(HttpStatusCode.BadRequest, "262179");
        (await client.GetJsonAsync("/api/storage/volumes?fields=colour")).AssertError(HttpStatusCode.BadRequest, "262197");
    }

    private static async Task<List<string>> NamesAsync(HttpClient client, string query)
    {
        var got = await client.GetJsonAsync("/api/storage/volumes?" + query);
        got.AssertStatus(HttpStatusCode.OK);
        return got.Body!["records"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
    }
}
