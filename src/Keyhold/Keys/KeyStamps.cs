using System.Data.Common;
using Keyhold.Storage;

namespace Keyhold.Keys;

/// <summary>
/// Every write of a key row gives it a new random stamp (column keys.stamp). Per key ID prefix, the count of rows and
/// two sums over their stamps change whenever a row there is added, removed or rewritten (a miss needs two independent
/// 31-bit coincidences), so a reader learns which prefixes changed from a narrow index alone: the onboard key_backup
/// re-encodes only those (Onboard/KeyBackupPieces).
/// </summary>
public static class KeyStamps
{
    /// <summary>Characters of the key ID that name its piece: 256 pieces for random hex IDs.</summary>
    public const int PrefixLength = 2;

    public static long New() => Random.Shared.Next(1, int.MaxValue);

    /// <summary>The second sum's term: a fixed scramble of the stamp, so the two sums fail independently.</summary>
    public static long Scrambled(long stamp) => stamp * 2654435761L % 2147483647L;

    /// <summary>Count and sums of the stamps of every prefix of <paramref name="keyManager"/>'s keys, from the keys_manager index.</summary>
    public static Task<List<PrefixPrint>> PrintsAsync(DbConnection c, Guid keyManager, CancellationToken ct) =>
        Db.QueryAsync(c, null,
            $"SELECT substr(key_id, 1, {PrefixLength}), COUNT(*), SUM(stamp), SUM(stamp * 2654435761 % 2147483647) FROM keys WHERE key_manager_uuid = @m GROUP BY substr(key_id, 1, {PrefixLength})",
            r => new PrefixPrint(r.GetString(0), Long(r.GetValue(1)), Long(r.GetValue(2)), Long(r.GetValue(3))), ct, ("@m", keyManager));

    /// <summary>The keys of one prefix in key ID order, each with its stamp.</summary>
    public static Task<List<(DataKeyRow Key, long Stamp)>> PrefixAsync(DbConnection c, Guid keyManager, string prefix, CancellationToken ct) =>
        Db.QueryAsync(c, null,
            $"SELECT key_id, key_type, wrapped, metadata, stamp FROM keys WHERE key_manager_uuid = @m AND key_id >= @lo AND key_id < @hi AND substr(key_id, 1, {PrefixLength}) = @p ORDER BY key_id",
            r => (new DataKeyRow(r.GetString(0), r.GetString(1), r.BytesOrNull(2), r.GetString(3)), Long(r.GetValue(4))), ct,
            ("@m", keyManager), ("@lo", prefix), ("@hi", prefix[..^1] + (char)(prefix[^1] + 1)), ("@p", prefix));

    // PostgreSQL's SUM(bigint) is numeric (a decimal here); SQLite's is an integer.
    private static long Long(object value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What <see cref="KeyStamps.PrintsAsync"/> reads of one key ID prefix.</summary>
public readonly record struct PrefixPrint(string Prefix, long Count, long Sum, long ScrambledSum);

/// <summary>The columns of a key row that its backup entry carries.</summary>
public sealed record DataKeyRow(string KeyId, string KeyType, byte[]? Wrapped, string Metadata);
