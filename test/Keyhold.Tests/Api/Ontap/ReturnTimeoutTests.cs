using System.Net;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Keyhold.Tests.Api.Ontap;

/// <summary>
/// Issue 11: a collection GET that runs out of <c>return_timeout</c> answers with what it has and a <c>_links.next</c>
/// that continues, as ONTAP does. The clock here moves 150 ms each time the page reads it, so a 1 s timeout runs out
/// after a few records whatever the machine's speed.
/// </summary>
public sealed class ReturnTimeoutTests : IDisposable
{
    private const int Volumes = 12;

    private readonly KeyholdFactory factory = new();
    private readonly SteppingClock clock = new(TimeSpan.FromMilliseconds(150));
    private readonly WebApplicationFactory<Program> node;

    public ReturnTimeoutTests() =>
        node = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));

    public void Dispose()
    {
        node.Dispose();
        factory.Dispose();
    }

    [Fact]
    public async Task A_page_that_runs_out_of_time_returns_what_it_has_and_next_continues_after_it()
    {
        using var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("admin:admin-password-for-tests"u8.ToArray()));
        await VolumeSetup.SvmAsync(client);
        for (var i = 0; i < Volumes; i++)
        {
            await VolumeSetup.VolumeAsync(client, $"vol{i:D2}", encrypted: false);
        }

        var names = new List<string>();
        var pages = 0;
        var partial = 0;
        for (string? href = "/api/storage/volumes?return_timeout=1&fields=comment"; href is not null; pages++)
        {
            Assert.True(pages < 4 * Volumes, "next links never end");
            var page = await client.GetJsonAsync(href);
            page.AssertStatus(HttpStatusCode.OK);
            var records = page.Body!["records"]!.AsArray();
            names.AddRange(records.Select(r => r!["name"]!.GetValue<string>()));
            href = page.Body["_links"]!["next"]?["href"]?.GetValue<string>();
            if (href is not null)
            {
                partial++;
                Assert.Contains("return_timeout=1", href, StringComparison.Ordinal); // the whole query is carried on
                Assert.InRange(records.Count, 1, Volumes - 1);
                Assert.Equal(records.Count, page.Body["num_records"]!.GetValue<int>());
            }
        }

        // Every volume the store holds, once, in order, over several partial pages.
        Assert.True(partial >= 2, $"{partial} pages ran out of time");
        Assert.Equal(Enumerable.Range(0, Volumes).Select(i => $"vol{i:D2}"), names);

        // 0 means no limit: one page of all.
        var whole = await client.GetJsonAsync("/api/storage/volumes?return_timeout=0");
        Assert.Equal(Volumes, whole.Body!["num_records"]!.GetValue<int>());
        Assert.Null(whole.Body["_links"]!["next"]);
    }

    [Fact]
    public async Task Return_timeout_outside_its_range_is_refused_with_the_parameter_as_target()
    {
        using var client = factory.Admin();
        (await client.GetJsonAsync("/api/storage/volumes?return_timeout=121")).AssertError(HttpStatusCode.BadRequest, "262197", target: "return_timeout");
        (await client.GetJsonAsync("/api/storage/volumes?return_timeout=-1")).AssertError(HttpStatusCode.BadRequest, "262197", target: "return_timeout");
    }

    /// <summary>
    /// Elapsed time moves by a fixed step each time it is read, and its timers never fire (so only the clock decides,
    /// not the machine's speed); wall-clock time is the system's.
    /// </summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long ticks;

        public override long GetTimestamp() => Interlocked.Add(ref ticks, step.Ticks * TimestampFrequency / TimeSpan.TicksPerSecond);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

        private sealed class Never : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
