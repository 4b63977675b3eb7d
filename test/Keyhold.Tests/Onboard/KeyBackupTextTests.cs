using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

/// <summary>
/// The streamed key_backup text against the format's one armouring (<see cref="BackupArmour.Wrap"/>): for blobs of
/// every length around a line and parts cut anywhere (empty ones, parts shorter than a line, a line across three
/// parts), the text is the same, and the escaped bytes are what the JSON writer writes for that text.
/// </summary>
public sealed class KeyBackupTextTests
{
    [Fact]
    public async Task The_text_made_from_parts_is_the_armoured_blob_and_its_escaped_form_is_the_JSON_writers()
    {
        var random = new Random(14);
        foreach (var length in new[] { 1, 2, 3, 47, 48, 49, 95, 96, 97, 143, 144, 145, 4_000, 4_093, 12_345, 100_000 })
        {
            var blob = new byte[length];
            random.NextBytes(blob);
            var armoured = BackupArmour.Wrap(blob);
            for (var round = 0; round < 4; round++)
            {
                var text = new KeyBackupText(Cut(blob, random, round));
                Assert.Equal(length, text.BlobLength);
                Assert.Equal(armoured, text.ToString());

                var escaped = new ArrayBufferWriter<byte>();
                var reported = 0L;
                await text.WriteEscapedAsync(escaped, (n, _) =>
                {
                    reported += n;
                    return ValueTask.CompletedTask;
                }, default);
                Assert.Equal(Json(armoured), "\"" + Encoding.ASCII.GetString(escaped.WrittenSpan) + "\"");
                Assert.Equal(escaped.WrittenCount, text.EscapedLength);
                Assert.Equal(escaped.WrittenCount, reported);
            }
        }
    }

    /// <summary>Round 0: one part; 1: parts of 1 to 5 bytes with empty ones; 2: random cuts; 3: 48-byte aligned cuts.</summary>
    private static List<ReadOnlyMemory<byte>> Cut(byte[] blob, Random random, int round)
    {
        var parts = new List<ReadOnlyMemory<byte>>();
        for (var at = 0; at < blob.Length;)
        {
            var take = round switch
            {
                0 => blob.Length,
                1 => random.Next(0, 6),
                2 => random.Next(1, 300),
                _ => 48 * random.Next(1, 4),
            };
            take = Math.Min(take, blob.Length - at);
            parts.Add(blob.AsMemory(at, take));
            at += take;
        }
        parts.Add(ReadOnlyMemory<byte>.Empty);
        return parts;
    }

    private static string Json(string text)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStringValue(text);
        }
        return Encoding.ASCII.GetString(stream.ToArray());
    }
}
