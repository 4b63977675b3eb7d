using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Keyhold.Tests.Faults;

/// <summary>
/// Writers that create encrypted volumes (each one a new key) through the REST door until stopped, and record every
/// outcome: the volumes acknowledged with 201 and their key IDs, and every other answer by status and ONTAP code.
/// A request is given 10 s (a hang, never a slow answer, would take that long); one that times out counts as a hang.
/// </summary>
public sealed class VolumeWriters
{
    public static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, int> outcomes = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, string Outcome)> log = new();
    private long slowestTicks;

    /// <summary>Volume uuid → key ID, for every 201.</summary>
    public ConcurrentDictionary<string, string> Acknowledged { get; } = new();

    /// <summary>How many requests got each outcome ("201", "503 262193", "connection", "hang", ...).</summary>
    public IReadOnlyDictionary<string, int> Outcomes => outcomes;

    public int Requests => outcomes.Values.Sum();

    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref slowestTicks));

    /// <summary>Every outcome with when its answer came, in order of arrival.</summary>
    public IEnumerable<(DateTimeOffset At, string Outcome)> Log => log;

    public string Summary => string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}"));

    /// <summary>Runs <paramref name="count"/> writers on <paramref name="client"/> until <paramref name="stop"/>; a writer stops early after a connection failure when asked to.</summary>
    public Task RunAsync(HttpClient client, string prefix, int count, CancellationToken stop, bool stopOnConnectionFailure = false) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(w => Task.Run(() => WriteAsync(client, $"{prefix}{w}_", stopOnConnectionFailure, stop))));

    private async Task WriteAsync(HttpClient client, string prefix, bool stopOnConnectionFailure, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var outcome = await PostAsync(client, $"{prefix}{i}");
            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            log.Enqueue((DateTimeOffset.UtcNow, outcome));
            if (outcome == "connection" && stopOnConnectionFailure)
            {
                return;
            }
            if (outcome != "201")
            {
                await Task.Delay(20, CancellationToken.None);  // as a client backs off; keeps a dead store from being a busy loop
            }
        }
    }

    private async Task<string> PostAsync(HttpClient client, string name)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(HangAfter);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/storage/volumes?return_records=true")
            {
                Content = new StringContent($$$"""{"name":"{{{name}}}","svm":{"name":"vs1"},"encryption":{"enabled":true}}""", Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var record = body!["records"]![0]!;
                Acknowledged[record["uuid"]!.GetValue<string>()] = record["encryption"]!["key_id"]!.GetValue<string>();
                return "201";
            }
            // Anything else must be an ONTAP envelope; its code names the outcome.
            var code = body?["error"]?["code"]?.GetValue<string>() ?? "no envelope";
            return $"{(int)response.StatusCode} {code}";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return "hang";
        }
        catch (HttpRequestException)
        {
            return "connection";
        }
        finally
        {
            var took = Stopwatch.GetElapsedTime(started).Ticks;
            long seen;
            while (took > (seen = Interlocked.Read(ref slowestTicks)) && Interlocked.CompareExchange(ref slowestTicks, took, seen) != seen)
            {
            }
        }
    }
}
