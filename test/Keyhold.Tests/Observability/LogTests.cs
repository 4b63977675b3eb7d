using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Observability;

/// <summary>The log of a real `keyhold serve`: start banner, request IDs, escaped values, JSON lines, no secrets.</summary>
public sealed partial class LogTests
{
    [Fact]
    public async Task The_start_banner_names_version_urls_data_folder_store_and_node()
    {
        using var node = new ObservedNode(new Dictionary<string, string> { ["Keyhold__NodeName"] = "banner-node" });
        var nodes = (await node.Client().GetJsonAsync("/api/cluster/nodes")).Body!["records"]![0]!;
        var banner = await node.LineAsync(l => l.Contains("StartBanner", StringComparison.Ordinal));
        Assert.Matches(@"Keyhold \d+\.\d+\.\d+", banner);
        Assert.Contains(node.Url, banner, StringComparison.Ordinal);
        Assert.Contains($"data folder {Path.GetFullPath(node.DataDir)}", banner, StringComparison.Ordinal);
        Assert.Contains($"store sqlite ({Path.Combine(Path.GetFullPath(node.DataDir), "keyhold.db")})", banner, StringComparison.Ordinal);
        Assert.Contains($"node banner-node ({nodes["uuid"]!.GetValue<string>()})", banner, StringComparison.Ordinal);
        Assert.Equal("banner-node", nodes["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_request_gets_an_id_in_its_header_and_on_its_log_lines()
    {
        using var node = new ObservedNode();
        using var admin = node.Client();

        var kept = await SendAsync(admin, HttpMethod.Get, "/api/no-such-thing", "trace-42.a:b_c");
        Assert.Equal(HttpStatusCode.NotFound, kept.StatusCode);
        Assert.Equal("trace-42.a:b_c", Id(kept));
        var line = await node.LineAsync(l => l.Contains("request=trace-42.a:b_c", StringComparison.Ordinal));
        Assert.Contains("GET /api/no-such-thing failed with 404, error code 3", line, StringComparison.Ordinal);

        // Insane incoming IDs are replaced, never echoed.
        foreach (var bad in new[] { "has space", "semi;colon", new string('a', 65) })
        {
            var replaced = await SendAsync(admin, HttpMethod.Get, "/api/cluster", bad);
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
            Assert.Matches(HexId(), Id(replaced));
        }

        // A change: the audit line inside the request carries the request's ID; so do success answers' headers.
        var created = await SendAsync(admin, HttpMethod.Post, "/api/svm/svms", null, """{"name":"vs1"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = Id(created);
        Assert.Matches(HexId(), id);
        var audit = await node.LineAsync(l => l.Contains("audit:", StringComparison.Ordinal) && l.Contains("POST /api/svm/svms", StringComparison.Ordinal));
        Assert.Contains($"request={id}", audit, StringComparison.Ordinal);
        // Two requests, two IDs.
        Assert.NotEqual(id, Id(await SendAsync(admin, HttpMethod.Get, "/api/cluster")));
        // Health and metrics too.
        Assert.Matches(HexId(), Id(await node.Anonymous().GetAsync("/health/live")));
    }

    [Fact]
    public async Task Control_characters_in_a_path_cannot_forge_a_log_line()
    {
        using var node = new ObservedNode();
        using var admin = node.Client();
        var response = await SendAsync(admin, HttpMethod.Get, "/api/x%0D%0A2026-01-01T00:00:00.000Z%20info:%20forged%1B[31m", "forge-1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = await node.LineAsync(l => l.Contains("request=forge-1", StringComparison.Ordinal));
        Assert.Contains(@"/api/x\r\n2026-01-01T00:00:00.000Z info: forged\u001b[31m failed with 404", line, StringComparison.Ordinal);
        Assert.DoesNotContain(node.Lines, l => l.StartsWith("2026-01-01", StringComparison.Ordinal));
        Assert.DoesNotContain(node.Lines, l => l.Contains('\u001b', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_format_writes_one_object_per_line_with_the_request_scope()
    {
        using var node = new ObservedNode(new Dictionary<string, string> { ["Keyhold__Log__Format"] = "json" });
        using var admin = node.Client();
        var response = await SendAsync(admin, HttpMethod.Get, "/api/x%0Aforged", "json-7");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = await node.LineAsync(l => l.Contains("json-7", StringComparison.Ordinal));

        var entry = JsonNode.Parse(line)!;
        Assert.Equal("Information", entry["LogLevel"]!.GetValue<string>());
        Assert.Equal("GET /api/x\nforged failed with 404, error code 3", entry["Message"]!.GetValue<string>());
        Assert.Equal("3", entry["State"]!["ErrorCode"]!.GetValue<string>());
        Assert.Contains(entry["Scopes"]!.AsArray(), s => s?["RequestId"]?.GetValue<string>() == "json-7");
        Assert.DoesNotContain(node.Lines, l => l.StartsWith("forged", StringComparison.Ordinal));
        foreach (var l in node.Lines.Where(l => l.Length > 0))
        {
            Assert.True(IsJson(l), $"not a JSON line: {l}");
        }
        Assert.Contains(node.Lines, l => l.Contains("StartBanner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Passphrases_and_passwords_are_never_logged()
    {
        using var node = new ObservedNode();
        using var admin = node.Client();
        var uuid = await OnboardSetup.EnableAsync(admin);
        var refused = await admin.PatchJsonAsync($"/api/security/key-managers/{uuid}", new { onboard = new { passphrase = OnboardSetup.Other, existing_passphrase = "wrong-existing-passphrase-0123456789" } });
        Assert.True((int)refused.Status is >= 400 and < 500, $"status {refused.Status}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.Client("admin", "an-attempted-password-77").GetAsync("/api/cluster")).StatusCode);
        await node.LineAsync(l => l.Contains("PATCH /api/security/key-managers", StringComparison.Ordinal) && l.Contains("failed with 4", StringComparison.Ordinal));

        var log = string.Join('\n', node.Lines);
        foreach (var secret in new[] { OnboardSetup.Passphrase, OnboardSetup.Other, "wrong-existing-passphrase", "an-attempted-password", KeyholdFactory.AdminPassword })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("BEGIN BACKUP", log, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_log_format_stops_the_start_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ObservedNode(new Dictionary<string, string> { ["Keyhold__Log__Format"] = "xml" }));
        Assert.Contains("Keyhold:Log:Format must be text or json", error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? requestId = null, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (requestId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Request-Id", requestId);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }
        return await client.SendAsync(request);
    }

    private static string Id(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues("X-Request-Id"));

    private static bool IsJson(string line)
    {
        try
        {
            return JsonNode.Parse(line) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex HexId();
}
