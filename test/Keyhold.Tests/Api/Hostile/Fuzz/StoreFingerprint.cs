using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Hostile.Fuzz;

/// <summary>
/// A hash of everything a request could change in a node's SQLite store, read through a connection of its own. Left
/// out: what the node writes by itself whatever the requests are (the audit, heartbeats, connectivity probes).
/// </summary>
public sealed class StoreFingerprint : IDisposable
{
    private static readonly HashSet<string> SelfWritten = ["audit_messages", "node_connectivity"];
    private static readonly HashSet<string> SelfWrittenColumns = ["last_seen", "checked"];
    private readonly SqliteConnection connection;
    private readonly List<string> selects = [];

    public StoreFingerprint(string dataDir)
    {
        connection = StoreProbe.Open(dataDir);
        foreach (var table in Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").Select(r => (string)r[0]!))
        {
            if (SelfWritten.Contains(table))
            {
                continue;
            }
            if (table == "row_counts")
            {
                // Deltas the node folds by itself: compare their sums (StoreProbe.ContentsOf).
                selects.Add(StoreProbe.ContentsOf(table) + " ORDER BY 1");
                continue;
            }
            var columns = Query($"PRAGMA table_info({table})").Select(r => (string)r[1]!).Where(c => !SelfWrittenColumns.Contains(c)).ToList();
            selects.Add($"SELECT '{table}', {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" ORDER BY {string.Join(", ", Enumerable.Range(2, columns.Count))}");
        }
    }

    /// <summary>True while a job runs: it changes the store by itself, so a difference then proves nothing about a request.</summary>
    public bool JobsRunning => (long)Query("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')")[0][0]! > 0;

    public string Take()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in selects.SelectMany(Query))
        {
            foreach (var value in row)
            {
                hash.AppendData(value is byte[] bytes ? bytes : Encoding.UTF8.GetBytes(value?.ToString() ?? "\0null"));
                hash.AppendData([0x1F]);
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private List<object?[]> Query(string sql) => StoreProbe.Rows(connection, sql);

    public void Dispose() => connection.Dispose();
}
