using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;
using Microsoft.Data.Sqlite;

namespace Keyhold.Tests.Keys;

/// <summary>
/// Key IDs: 64 lowercase hex, a random first byte (the key_backup piece), the creation time, then random bytes
/// (Keys/KeyId.cs, docs/scaling.md). Driven through REST, checked against what the store holds.
/// </summary>
public sealed class KeyIdFormTests
{
    private const int Volumes = 48;

    [SkippableFact]
    public async Task Volume_keys_are_64_hex_unique_time_ordered_after_a_random_first_byte_and_are_what_the_store_holds()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);
        var node = await NodeAsync(client);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var made = new List<string>();
        for (var i = 0; i < Volumes; i++)
        {
            made.Add((await VolumeSetup.VolumeAsync(client, $"vol{i}")).KeyId!);
        }
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var listed = await KeyIdsAsync(client, $"/api/security/key-managers/{km}/keys/{node}/key-ids?max_records=1000");
        var stored = StoreProbe.Rows(factory.DataDir, "SELECT v.key_id, k.key_id FROM volumes v JOIN keys k ON k.key_id = v.key_id")
            .Select(r => (string)r[0]!).ToList();

        Assert.Equal(made.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(made.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        Assert.Equal(Volumes, made.Distinct().Count());
        Assert.All(made, id => Assert.Matches("^[0-9a-f]{64}$", id));
        // Characters 3..14: the time of the create, in ms, between the first and the last request.
        Assert.All(made, id => Assert.InRange(Millis(id), before, after));
        // Made one after another: the times never go back.
        Assert.Equal(made.Select(Millis).Order(), made.Select(Millis));
        // The first byte stays random, so new keys spread over key_backup's pieces (48 keys in one piece: 1 in 2^376).
        Assert.True(made.Select(id => id[..2]).Distinct().Count() > 1);
    }

    [SkippableFact]
    public async Task Keys_with_the_former_wholly_random_ids_are_served_beside_new_ones()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var km = await OnboardSetup.EnableAsync(client);
        await VolumeSetup.SvmAsync(client);
        var node = await NodeAsync(client);
        var (oldVolume, made) = await VolumeSetup.VolumeAsync(client, "old");
        // A store from before: its key IDs were 32 random bytes. The key and its volume move to such an ID together.
        var former = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using (var store = new SqliteConnection($"Data Source={Path.Combine(factory.DataDir, "keyhold.db")};Pooling=False"))
        {
            store.Open();
            using var tx = store.BeginTransaction();
            using var move = store.CreateCommand();
            move.Transaction = tx;
            move.CommandText = "UPDATE keys SET key_id = $n WHERE key_id = $o; UPDATE volumes SET key_id = $n WHERE key_id = $o;";
            move.Parameters.AddWithValue("$n", former);
            move.Parameters.AddWithValue("$o", made!);
            move.ExecuteNonQuery();
            tx.Commit();
        }
        var (_, fresh) = await VolumeSetup.VolumeAsync(client, "new");

        var url = $"/api/security/key-managers/{km}/keys/{node}/key-ids";
        Assert.Equal(new[] { former, fresh! }.Order(StringComparer.Ordinal), (await KeyIdsAsync(client, url)).Order(StringComparer.Ordinal));
        (await client.GetJsonAsync($"{url}/{former}")).AssertStatus(HttpStatusCode.OK);
        (await client.GetJsonAsync($"{url}/{fresh}")).AssertStatus(HttpStatusCode.OK);
        var volume = await client.GetJsonAsync($"/api/storage/volumes/{oldVolume}?fields=encryption.key_id");
        Assert.Equal(former, volume.Body!["encryption"]!["key_id"]!.GetValue<string>());
    }

    private static long Millis(string keyId) => long.Parse(keyId[2..14], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static async Task<List<string>> KeyIdsAsync(HttpClient client, string url)
    {
        var got = await client.GetJsonAsync(url);
        got.AssertStatus(HttpStatusCode.OK);
        return got.Body!["records"]!.AsArray().Select(r => r!["key_id"]!.GetValue<string>()).ToList();
    }

    private static async Task<string> NodeAsync(HttpClient client) =>
        (await client.GetJsonAsync("/api/cluster/nodes")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
}
