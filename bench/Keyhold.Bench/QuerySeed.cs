using System.Text.Json.Nodes;
using Keyhold.Ontap.Schemas;
using Keyhold.Storage;
using Keyhold.Volumes;

namespace Keyhold.Bench;

/// <summary>
/// seed-query DB SVM_UUID SVM_NAME COUNT EVERY: COUNT unencrypted volumes written into a stopped node's SQLite store
/// through Keyhold's own repository (the same INSERT and attribute defaults as a POST), in one transaction. Every
/// EVERY-th volume has an x in its comment (<c>comment=*x*</c> matches COUNT / EVERY of them). Prints the matches.
/// </summary>
internal static class QuerySeed
{
    public static async Task<int> RunAsync(string db, Guid svm, string svmName, int count, int every)
    {
        using var store = new SqliteStore(db);
        var matches = await store.WriteAsync(async (c, tx, ct) =>
        {
            var created = DateTimeOffset.UtcNow;
            var withX = 0;
            for (var i = 0; i < count; i++)
            {
                var comment = i % every == 0 ? $"box {i}" : $"plain {i}";
                withX += i % every == 0 ? 1 : 0;
                var attributes = VolumeAttributeJson.Complete(new JsonObject { ["comment"] = comment }.ToJsonString()).ToJsonString();
                await VolumeRepository.InsertAsync(c, tx,
                    new Volume(Guid.NewGuid(), svm, svmName, $"seed{i:D7}", 1L << 30, "online", VolumeRules.Unencrypted, null, attributes), created, ct);
            }
            return withX;
        });
        Console.WriteLine(matches);
        return 0;
    }
}
