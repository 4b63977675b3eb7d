using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>
/// The CLI's REST client: ONTAP collections (following _links.next), writes, and jobs waited for to their end. Every
/// failure becomes a <see cref="CliException"/> carrying ONTAP's message and code.
/// </summary>
public sealed class OntapClient(HttpClient http, string url) : IDisposable
{
    private static readonly TimeSpan JobPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>The account logged in with a password, or null with a client certificate (its name is the certificate's).</summary>
    public string? User { get; init; }

    /// <summary>Every record of a collection, page after page. Null query values are left out.</summary>
    public async Task<List<JsonObject>> RecordsAsync(string path, params (string Name, string? Value)[] query)
    {
        var records = new List<JsonObject>();
        string? next = path + Query(query);
        while (next is not null)
        {
            var page = await SendAsync(HttpMethod.Get, next, null) as JsonObject ?? [];
            records.AddRange((page["records"] as JsonArray ?? []).OfType<JsonObject>());
            next = page["_links"]?["next"]?["href"]?.GetValue<string>();
        }
        return records;
    }

    public static string Query(params (string Name, string? Value)[] query)
    {
        var parts = query.Where(q => q.Value is not null).Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>One request. A 202 is followed to its job's end; a failed job is an error like any other.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string pathAndQuery, JsonObject? body)
    {
        var (status, answer) = await ExchangeAsync(method, pathAndQuery, body);
        if (status == HttpStatusCode.Accepted && answer?["job"]?["uuid"]?.GetValue<string>() is { } job)
        {
            await WaitForJobAsync(job);
        }
        return answer;
    }

    private async Task WaitForJobAsync(string uuid)
    {
        while (true)
        {
            var (_, job) = await ExchangeAsync(HttpMethod.Get, $"/api/cluster/jobs/{uuid}?fields=*", null);
            switch (job?["state"]?.GetValue<string>())
            {
                case "success":
                    return;
                case "failure":
                    throw new CliException(CliExit.OntapError, job["message"]?.GetValue<string>() ?? "The job failed.", job["code"]?.ToString());
                default:
                    await Task.Delay(JobPoll);
                    break;
            }
        }
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> ExchangeAsync(HttpMethod method, string pathAndQuery, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        request.Headers.Accept.ParseAdd("application/hal+json");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(request);
            text = await response.Content.ReadAsStringAsync();
        }
        catch (HttpRequestException e)
        {
            throw new CliException(CliExit.CannotConnect, $"cannot connect to {url}: {Innermost(e).Message}");
        }
        catch (TaskCanceledException)
        {
            throw new CliException(CliExit.CannotConnect, $"{url} did not answer in time.");
        }
        using (response)
        {
            var parsed = Parse(text);
            if (response.IsSuccessStatusCode)
            {
                return (response.StatusCode, parsed);
            }
            var error = parsed?["error"];
            var message = error?["message"]?.GetValue<string>() ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
            var exit = response.StatusCode == HttpStatusCode.Unauthorized ? CliExit.CannotConnect : CliExit.OntapError;
            throw new CliException(exit, message, error?["code"]?.ToString(), error?["target"]?.GetValue<string>());
        }
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    public void Dispose() => http.Dispose();
}
