using System.Net;
using System.Text;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;

namespace Keyhold.Tests.Keys;

/// <summary>Key material stays inside the process: never in a response, a log line or a store file in the clear.</summary>
public sealed class KeyMaterialLeakTests
{
    [Fact]
    public async Task No_response_log_or_store_file_holds_a_key_in_the_clear_across_create_rekey_and_delete()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);
        var (vol1, _) = await VolumeSetup.VolumeAsync(client, "vol1");
        var (vol2, _) = await VolumeSetup.VolumeAsync(client, "vol2");
        var materials = (await KeyMaterial.ReadAllAsync(factory.Services)).Values.ToList();
        (await client.PatchJsonAsync($"/api/storage/volumes/{vol1}?return_timeout=30", """{"encryption.rekey": true}""")).AssertStatus(HttpStatusCode.OK);
        materials.AddRange((await KeyMaterial.ReadAllAsync(factory.Services)).Values);
        var node = (await client.GetJsonAsync("/api/cluster/nodes")).Body!["records"]![0]!["uuid"]!.GetValue<string>();

        var responses = new StringBuilder();
        foreach (var url in new[]
        {
            "/api/storage/volumes?fields=**", $"/api/storage/volumes/{vol2}?fields=**", $"/api/security/key-managers/{km}?fields=**",
            $"/api/security/key-managers/{km}/keys/{node}/key-ids?fields=**", "/api/cluster/jobs?fields=**",
        })
        {
            var got = await client.GetJsonAsync(url);
            got.AssertStatus(HttpStatusCode.OK);
            responses.Append(got.Body!.ToJsonString());
        }
        (await client.DeleteJsonAsync($"/api/storage/volumes/{vol2}")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(3, materials.Distinct(new BytesComparer()).Count());
        var files = StoreProbe.AllBytes(factory.DataDir);
        foreach (var material in materials)
        {
            foreach (var text in new[] { Convert.ToHexString(material), Convert.ToHexStringLower(material), Convert.ToBase64String(material) })
            {
                Assert.DoesNotContain(text, responses.ToString());
                Assert.DoesNotContain(text, factory.Logs.All);
            }
            Assert.Equal(-1, files.AsSpan().IndexOf(material));
        }
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => BitConverter.ToInt32(obj);
    }
}
