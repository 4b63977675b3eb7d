using System.Net;

namespace Keyhold.Tests.Support;

/// <summary>GETs for the tests of kept answers (key-manager GET, collection pages): the body as bytes, and the first body answered from kept bytes.</summary>
public static class KeptBytes
{
    public static async Task<byte[]> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// GETs until one is answered from kept bytes (<paramref name="hits"/> moved): the audit's batches and the heartbeat
    /// commit in the background, and each commit makes the next GET read afresh (which is the point).
    /// </summary>
    public static async Task<byte[]> UntilKeptAsync(HttpClient client, string url, Func<long> hits)
    {
        for (var i = 0; i < 100; i++)
        {
            var before = hits();
            var body = await GetAsync(client, url);
            if (hits() > before)
            {
                return body;
            }
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"no GET of {url} was answered from kept bytes");
    }
}
