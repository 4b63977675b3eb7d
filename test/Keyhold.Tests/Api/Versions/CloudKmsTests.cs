using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Versions;

/// <summary>The cloud key managers are refused by name, at every release, path and method, as a missing API (code 3).</summary>
public sealed class CloudKmsTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    [Theory]
    [InlineData("GET", "/api/security/azure-key-vaults")]
    [InlineData("POST", "/api/security/gcp-kms")]
    [InlineData("GET", "/api/security/aws-kms?fields=*&max_records=1024")]
    [InlineData("PATCH", "/api/security/barbican-kms/5fb1701a-d922-11e8-bfe8-005056bb017d")]
    [InlineData("POST", "/api/security/azure-key-vaults/5fb1701a-d922-11e8-bfe8-005056bb017d/rekey-internal")]
    public async Task A_cloud_key_manager_is_404_code_3_naming_it_as_not_offered_and_nothing_is_stored(string method, string url)
    {
        var got = await factory.Admin().SendAsync(new HttpMethod(method), url, method == "GET" ? null : new { svm = new { name = "vs1" } });

        got.AssertError(HttpStatusCode.NotFound, "3");
        var message = got.Body!["error"]!["message"]!.GetValue<string>();
        Assert.Contains(url.Split('/')[3].Split('?')[0], message);
        Assert.Contains("Keyhold does not offer", message);
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "key_managers"));
    }

    [Fact]
    public async Task Without_credentials_a_cloud_key_manager_path_is_refused_like_any_other()
    {
        var got = await factory.CreateClient().GetJsonAsync("/api/security/gcp-kms");

        Assert.Equal(HttpStatusCode.Unauthorized, got.Status);
    }

    public void Dispose() => factory.Dispose();
}
