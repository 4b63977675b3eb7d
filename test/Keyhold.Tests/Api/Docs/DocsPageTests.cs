using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Docs;

/// <summary>
/// A real `keyhold serve` process: `/`, `/docs/api` and its document answer without credentials, the page's
/// assets come from the service, and a real headless Chromium renders the key-manager operations offline.
/// </summary>
public sealed class DocsPageTests : IDisposable
{
    private readonly KeyholdProcess keyhold = new();

    [Fact]
    public async Task Home_page_points_at_the_docs_and_the_docs_need_no_credentials()
    {
        using var anonymous = Anonymous();

        var home = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("text/html", home.Content.Headers.ContentType?.MediaType);
        Assert.Contains("href=\"/docs/api\"", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = await anonymous.GetAsync("/docs/api");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"scalar.js\"></script>", html, StringComparison.Ordinal);
        Assert.Empty(HeadlessChromium.ForeignAssets(html, keyhold.Url));
        var bundle = await anonymous.GetAsync(new Uri(page.RequestMessage!.RequestUri!, "scalar.js"));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 100_000, "the page's bundle is served by the service");

        var document = JsonNode.Parse(await anonymous.GetStringAsync("/docs/api/openapi.json"))!;
        Assert.NotNull(document["paths"]!["/api/security/key-managers"]!["post"]);
        // The API itself still wants credentials.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/security/key-managers")).StatusCode);
    }

    [SkippableFact]
    public async Task Headless_chromium_renders_the_key_manager_operations()
    {
        HeadlessChromium.RequireOrSkip();

        var landing = await HeadlessChromium.DumpDomAsync($"{keyhold.Url}/docs/api");
        var text = HeadlessChromium.VisibleText(landing);
        Assert.Contains("OpenAPI 3.1.1", text, StringComparison.Ordinal);
        Assert.Contains("security key manager", text, StringComparison.Ordinal);
        Assert.Contains("key server", text, StringComparison.Ordinal);
        Assert.Contains("65536139", text, StringComparison.Ordinal); // the error table
        Assert.Empty(HeadlessChromium.ForeignAssets(landing, keyhold.Url));

        // The reference renders a section when it is reached: go to the key managers' one, as its link does.
        var section = HeadlessChromium.VisibleText(await HeadlessChromium.DumpDomAsync($"{keyhold.Url}/docs/api/#tag/security-key-manager"));
        Assert.Contains("List security key manager records", section, StringComparison.Ordinal);
        Assert.Contains("Create a security key manager", section, StringComparison.Ordinal);
        Assert.Contains("Modify a security key manager", section, StringComparison.Ordinal);
        Assert.Contains("Delete a security key manager", section, StringComparison.Ordinal);
        Assert.Contains("/api/security/key-managers", section, StringComparison.Ordinal);
        Assert.Contains("passphrase", section, StringComparison.Ordinal);
    }

    private HttpClient Anonymous() =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = new Uri(keyhold.Url) };

    public void Dispose() => keyhold.Dispose();
}
