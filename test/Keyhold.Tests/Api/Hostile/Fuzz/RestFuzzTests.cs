using System.Collections.Concurrent;
using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;
using Microsoft.AspNetCore.Routing;
using Xunit.Abstractions;

namespace Keyhold.Tests.Api.Hostile.Fuzz;

/// <summary>
/// Generated and mutated requests (FsCheck) at every mapped route of an in-process node (issue 11, scope 6): no answer of
/// 500 or above, none that takes 10 s (a hang), and a refused change leaves the store as it was. The suite sends 3,000;
/// bench/fuzz-rest.sh sends 100,000 or more (KEYHOLD_FUZZ_REQUESTS).
/// </summary>
public sealed class RestFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Hostile_requests_at_every_route_get_no_5xx_no_hang_and_refused_ones_change_nothing_in_the_store()
    {
        var requests = int.TryParse(Environment.GetEnvironmentVariable("KEYHOLD_FUZZ_REQUESTS"), out var n) ? n : 3_000;
        using var factory = new KeyholdFactory();
        using var client = factory.Admin();
        client.Timeout = Timeout.InfiniteTimeSpan;  // each request has its own 10 s
        var ids = await SetUpAsync(client);
        var routes = Routes(factory);
        using var store = new StoreFingerprint(factory.DataDir);

        var statuses = new ConcurrentDictionary<int, int>();
        var refusedChecked = 0;
        var slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var property = Prop.ForAll(FuzzRequests.Arbitrary(routes, ids), request =>
        {
            var mutating = request.Method is not ("GET" or "HEAD" or "OPTIONS");
            var before = mutating && !store.JobsRunning ? store.Take() : null;
            var started = Stopwatch.GetTimestamp();
            var status = SendAsync(client, request).GetAwaiter().GetResult();
            var took = Stopwatch.GetElapsedTime(started);
            slowest = took > slowest ? took : slowest;
            statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
            Assert.True(status != 0, $"no answer within {HangAfter.TotalSeconds} s: {request}");
            Assert.True(status < 500, $"HTTP {status}: {request}");
            if (before is not null && status >= 400)
            {
                refusedChecked++;
                Assert.True(before == store.Take(), $"HTTP {status} changed the store: {request}");
            }
        });
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(requests).WithQuietOnSuccess(true));

        output.WriteLine($"{requests} requests over {routes.Count} routes in {clock.Elapsed.TotalSeconds:F0} s; statuses "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))
            + $"; refused changes checked against the store: {refusedChecked}, changed it: 0; slowest answer {slowest.TotalMilliseconds:F0} ms");
        Assert.Equal(requests, statuses.Values.Sum());
        Assert.True(refusedChecked > requests / 10, $"only {refusedChecked} refused changes were checked against the store");
    }

    /// <summary>Sends one request; returns its status, or 0 when no answer came within <see cref="HangAfter"/>.</summary>
    private static async Task<int> SendAsync(HttpClient client, FuzzRequest fuzz)
    {
        using var timeout = new CancellationTokenSource(HangAfter);
        // Absolute, so a target such as "//x" stays a path and is not read as another host.
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), new Uri($"{client.BaseAddress!.GetLeftPart(UriPartial.Authority)}{fuzz.Target}"));
        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            }
        }
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return 0;
        }
    }

    /// <summary>A key manager, an SVM, volumes with keys and a job, so that generated paths can reach real records.</summary>
    private static async Task<List<string>> SetUpAsync(HttpClient client)
    {
        var km = await OnboardSetup.EnableAsync(client);
        var svm = await VolumeSetup.SvmAsync(client);
        var (volume, key) = await VolumeSetup.VolumeAsync(client, "fz1");
        var (other, otherKey) = await VolumeSetup.VolumeAsync(client, "fz2");
        var node = (await client.GetJsonAsync("/api/cluster/nodes")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var jobs = (await client.GetJsonAsync("/api/cluster/jobs")).Body!["records"]!.AsArray().Select(j => j!["uuid"]!.GetValue<string>());
        return [km, svm, volume, key!, other, otherKey!, node, .. jobs, "admin", "vs1", "fz1", "Cluster"];
    }

    private static List<FuzzRoute> Routes(KeyholdFactory factory) =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => new FuzzRoute("/" + e.RoutePattern.RawText!.TrimStart('/'), [.. e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]]))
            .DistinctBy(r => r.ToString())];
}
