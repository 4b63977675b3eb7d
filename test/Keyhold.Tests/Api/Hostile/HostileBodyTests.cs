using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Hostile;

/// <summary>
/// Issue 11 rows 2-4: bodies and queries that broke the service (500s from invalid UTF-8, lone surrogates and SQLite's
/// expression depth; a huge bad value echoed whole) get a short 4xx envelope and change nothing.
/// </summary>
public sealed class HostileBodyTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    public void Dispose() => factory.Dispose();

    public static TheoryData<string, string> Routes => new()
    {
        { "POST", "/api/security/key-managers" },
        { "POST", "/api/security/certificates" },
        { "POST", "/api/storage/volumes" },
        { "POST", "/api/svm/svms" },
        { "PATCH", "/api/svm/svms/00000000-0000-0000-0000-000000000000" },
    };

    private static readonly byte[][] BadBodies =
    [
        [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'],                  // invalid UTF-8 in a key
        [.. "{\"name\":\""u8.ToArray(), 0xFF, 0xFE, .. "\"}"u8.ToArray()],                                  // invalid UTF-8 in a value
        Encoding.UTF8.GetBytes("{\"name\":\"\\ud800\"}"),                                                 // lone high surrogate
        Encoding.UTF8.GetBytes("{\"\\udc00\":1}"),                                                        // lone low surrogate in a key
        Encoding.UTF8.GetBytes("{\"name\":" + new string('[', 5000) + new string(']', 5000) + "}"),   // deep nesting
        Encoding.UTF8.GetBytes("{\"name\":1e999999}"),                                                   // huge number
        Encoding.UTF8.GetBytes("{\"name\":123456789012345678901234567890123456789012345678901234567890}"),
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Malformed_bodies_get_a_4xx_envelope_and_change_nothing(string method, string path)
    {
        using var client = factory.Admin();
        var before = await CountsAsync(client);
        foreach (var body in BadBodies)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} {Encoding.Latin1.GetString(body)[..Math.Min(40, body.Length)]}: {(int)response.StatusCode} {text}");
            Assert.NotNull(JsonNode.Parse(text)!["error"]!["code"]);
        }
        Assert.Equal(before, await CountsAsync(client));
    }

    [Fact]
    public async Task A_huge_bad_value_is_quoted_by_a_short_prefix_only()
    {
        using var client = factory.Admin();
        var huge = new string('x', 2_000_000);
        var result = await client.PostJsonAsync("/api/svm/svms", new JsonObject { ["name"] = "vs9", ["state"] = huge });
        Assert.True((int)result.Status is >= 400 and < 500, result.Status.ToString());
        var message = result.Body!["error"]!["message"]!.GetValue<string>();
        Assert.True(message.Length < 400, $"message of {message.Length} characters");
        Assert.Equal(0, (await client.GetJsonAsync("/api/svm/svms?name=vs9")).Body!["num_records"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_in_the_envelope()
    {
        using var client = factory.Admin();
        var result = await client.PostJsonAsync("/api/svm/svms", new JsonObject { ["name"] = "vs9", ["comment"] = new string('x', 3_000_000) });
        result.AssertError(HttpStatusCode.RequestEntityTooLarge, "262190");
    }

    [Theory]
    [InlineData("/api/svm/svms", "name")]
    [InlineData("/api/storage/volumes", "name")]
    [InlineData("/api/security/certificates", "name")]
    [InlineData("/api/security/key-managers", "scope")]
    [InlineData("/api/cluster/jobs", "description")]
    public async Task Many_alternatives_or_repeated_filters_are_400_not_500(string path, string field)
    {
        using var client = factory.Admin();
        var alternatives = string.Join('|', Enumerable.Repeat("a", 998));
        var many = await client.GetJsonAsync($"{path}?{field}={alternatives}");
        many.AssertError(HttpStatusCode.BadRequest, "262197", target: field);
        var repeated = await client.GetJsonAsync($"{path}?{string.Join('&', Enumerable.Repeat($"{field}=a", 1000))}");
        repeated.AssertError(HttpStatusCode.BadRequest, "262197", target: field);
        // Up to the limit still works, in one parameter or spread over several.
        var few = await client.GetJsonAsync($"{path}?{field}={string.Join('|', Enumerable.Repeat("a", Keyhold.Ontap.CollectionQuery.MaxFilterTerms))}");
        few.AssertStatus(HttpStatusCode.OK);
        var spread = await client.GetJsonAsync($"{path}?{string.Join('&', Enumerable.Repeat($"{field}=!a", Keyhold.Ontap.CollectionQuery.MaxFilterTerms))}");
        spread.AssertStatus(HttpStatusCode.OK);
    }

    private static async Task<string> CountsAsync(HttpClient client)
    {
        var parts = new List<string>();
        foreach (var path in new[] { "/api/security/key-managers", "/api/security/certificates", "/api/storage/volumes", "/api/svm/svms" })
        {
            parts.Add((await client.GetJsonAsync(path + "?return_records=false")).Body!["num_records"]!.ToJsonString());
        }
        return string.Join(',', parts);
    }
}
