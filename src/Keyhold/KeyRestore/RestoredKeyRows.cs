using System.Data.Common;
using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.KeyRestore;

/// <summary>The one write a restore makes to a key row: its locations, only if the row is still as the restore read it.</summary>
public static class RestoredKeyRows
{
    /// <summary>
    /// Replaces the metadata (the key's locations) when it still reads <paramref name="expected"/>: a key deleted, migrated
    /// or restored by someone else meanwhile is left alone (0 rows), and the caller abandons the copies it made.
    /// </summary>
    public static Task<int> UpdateLocationsAsync(DbConnection c, DbTransaction tx, DataKey key, string expected, string metadata, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "UPDATE keys SET metadata = @d, stamp = @st WHERE key_id = @k AND key_manager_uuid = @m AND metadata = @old", ct,
            ("@k", key.KeyId), ("@m", key.KeyManagerUuid), ("@old", expected), ("@d", metadata), ("@st", KeyStamps.New()));
}
