using System.Globalization;
using System.Net;

namespace Keyhold.Tests.Observability;

/// <summary>Reads samples out of a Prometheus text exposition: name{labels} value.</summary>
public static class Prometheus
{
    public static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the one sample named <paramref name="name"/> whose labels include every one given; null when absent.</summary>
    public static double? Sample(string text, string name, params (string Label, string Value)[] labels)
    {
        var found = text.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(l => labels.All(p => l.Contains($"{p.Label}=\"{p.Value}\"", StringComparison.Ordinal)))
            .ToList();
        return found.Count switch
        {
            0 => null,
            1 => double.Parse(found[0][(found[0].LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"{found.Count} samples match {name}: {string.Join('\n', found)}"),
        };
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (observable values are cached for a few seconds).</summary>
    public static async Task<string> EventuallyAsync(HttpClient client, Func<string, bool> done, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var text = await ScrapeAsync(client);
            if (done(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }
            await Task.Delay(250);
        }
    }
}
