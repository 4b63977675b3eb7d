using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Keyhold.Tests.Support;

/// <summary>Small helpers: send JSON, read JSON, assert ONTAP error envelopes.</summary>
public static class Http
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(this HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var text = body as string ?? System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }
        var response = await client.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(content) ? null : JsonNode.Parse(content), response);
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> GetJsonAsync(this HttpClient client, string url) =>
        client.SendAsync(HttpMethod.Get, url);

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostJsonAsync(this HttpClient client, string url, object? body) =>
        client.SendAsync(HttpMethod.Post, url, body);

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PatchJsonAsync(this HttpClient client, string url, object? body) =>
        client.SendAsync(HttpMethod.Patch, url, body);

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> DeleteJsonAsync(this HttpClient client, string url) =>
        client.SendAsync(HttpMethod.Delete, url);

    public static void AssertError(this (HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) result, HttpStatusCode status, string code, string? message = null, string? target = null)
    {
        Assert.True(result.Status == status, $"expected {status}, got {result.Status}: {result.Body?.ToJsonString()}");
        var error = result.Body?["error"];
        Assert.NotNull(error);
        Assert.Equal(code, error!["code"]!.GetValue<string>());
        if (message is not null)
        {
            Assert.Equal(message, error["message"]!.GetValue<string>());
        }
        if (target is not null)
        {
            Assert.Equal(target, error["target"]?.GetValue<string>());
        }
    }

    public static void AssertStatus(this (HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) result, HttpStatusCode status) =>
        Assert.True(result.Status == status, $"expected {status}, got {result.Status}: {result.Body?.ToJsonString()}");
}
