using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Tests.Onboard;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>
/// Issue 14: the key-manager GET streams key_backup from the cached pieces, armoured as it is written, instead of
/// building the whole text and copying it through the JSON writer. The answer must not change by a byte: at several
/// sizes (blob lengths on every side of a 48-byte line), for instance and collection GETs, with fields=*,
/// fields=onboard.key_backup, return_timeout and both media types, the body is what the JSON writer makes of the same
/// record with the text as a string (today's way, still taken for a filter on key_backup), and its key_backup is what
/// encoding every stored key afresh gives.
/// </summary>
public sealed class KeyBackupStreamingTests
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task Key_manager_GETs_stream_key_backup_byte_for_byte_as_the_JSON_writer_wrote_it_at_every_size()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(admin);
        var km = (await factory.Service<KeyManagerRepository>().FindAsync(Guid.Parse(uuid), default))!;

        var seeded = 0;
        foreach (var size in new[] { 0, 1, 2, 3, 17, 250, 2_500 })
        {
            await OnboardKeySeed.SeedAsync(factory, km, seeded, size - seeded, i => $$"""{"volume":"v{{i}}{{new string('x', i % 5)}}"}""");
            seeded = size;
            var fresh = await OnboardKeySeed.FreshEncodingAsync(factory, km.Uuid);
            Assert.Equal(size, KeyBackup.Decode(fresh).Keys.Count);

            foreach (var query in new[] { "", "?fields=*", "?fields=onboard.key_backup", "?fields=onboard.key_backup,uuid&return_timeout=15", "?fields=**" })
            {
                var (body, length) = await GetAsync(admin, $"/api/security/key-managers/{uuid}{query}", hal: true);
                Assert.Equal(body.Length, length); // the Content-Length counted the streamed text right
                AssertWrittenAsTheJsonWriterWouldWrite(body, fresh, query);
            }

            foreach (var query in new[] { "fields=*", "fields=onboard.key_backup", "fields=onboard.key_backup&return_timeout=15", "fields=uuid,onboard,scope&order_by=uuid" })
            {
                foreach (var hal in new[] { true, false })
                {
                    var (page, _) = await GetAsync(admin, $"/api/security/key-managers?{query}", hal);
                    AssertWrittenAsTheJsonWriterWouldWrite(page, fresh, query);
                    if (!hal)
                    {
                        // A filter on key_backup reads it as a string: today's way, the reference. Plain JSON drops
                        // the self link, which carries the query, so both bodies must be equal to the byte.
                        var (filtered, _) = await GetAsync(admin, $"/api/security/key-managers?{query}&onboard.key_backup=*BEGIN*", hal);
                        Assert.Equal(filtered, page);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task A_filter_on_key_backup_matches_its_text_and_a_wrong_one_matches_nothing()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();
        await OnboardSetup.EnableAsync(admin);

        var (matching, _) = await GetAsync(admin, "/api/security/key-managers?onboard.key_backup=*END BACKUP*&fields=onboard.key_backup", hal: true);
        var (none, _) = await GetAsync(admin, "/api/security/key-managers?onboard.key_backup=nothing*&fields=onboard.key_backup", hal: true);

        using var hit = JsonDocument.Parse(matching);
        using var miss = JsonDocument.Parse(none);
        Assert.Equal(1, hit.RootElement.GetProperty("num_records").GetInt32());
        Assert.StartsWith(BackupArmour.BeginRuler, hit.RootElement.GetProperty("records")[0].GetProperty("onboard").GetProperty("key_backup").GetString());
        Assert.Equal(0, miss.RootElement.GetProperty("num_records").GetInt32());
    }

    /// <summary>
    /// The body holds key_backup equal to <paramref name="fresh"/> wherever a key_backup is, and is exactly what
    /// Utf8JsonWriter (with Keyhold's encoder) writes for the parsed body: same escaping, same order, no byte more.
    /// </summary>
    private static void AssertWrittenAsTheJsonWriterWouldWrite(byte[] body, string fresh, string query)
    {
        using var parsed = JsonDocument.Parse(body);
        var records = parsed.RootElement.TryGetProperty("records", out var r) ? r.EnumerateArray().ToList() : [parsed.RootElement];
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            var wanted = query.Length == 0 || query.Contains("fields=*", StringComparison.Ordinal) || query.Contains("onboard", StringComparison.Ordinal);
            Assert.Equal(wanted, record.TryGetProperty("onboard", out var onboard) && onboard.TryGetProperty("key_backup", out _));
            if (wanted)
                Assert.Equal(fresh, onboard.GetProperty("key_backup").GetString());
        }

        using var rewritten = new MemoryStream();
        using (var writer = new Utf8JsonWriter(rewritten, Writer))
        {
            parsed.WriteTo(writer);
        }
        Assert.Equal(rewritten.ToArray(), body);
    }

    private static async Task<(byte[] Body, long? Length)> GetAsync(HttpClient client, string url, bool hal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(hal ? "application/hal+json" : "application/json"));
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentLength);
    }
}
