using System.Data.Common;
using System.Text.Json;
using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.KeyManagerConfigs;

/// <summary>
/// The one <c>key_manager_config</c> row. Read from the store on every call (one small row), so a change made through
/// any node is what every node reads next.
/// </summary>
public sealed class KeyManagerConfigRepository(IStore store) : IKeyManagerSettings
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public Task<KeyManagerSettings> GetAsync(CancellationToken ct) => store.ReadAsync((c, t) => ReadAsync(c, null, t), ct);

    public static async Task<KeyManagerSettings> ReadAsync(DbConnection c, DbTransaction? tx, CancellationToken ct) =>
        await Db.SingleOrDefaultAsync(c, tx, "SELECT cc_mode, polling_interval, cloud_kms_retry_count, health_policy FROM key_manager_config WHERE id = 1",
            r => new KeyManagerSettings(r.Bool(0), r.GetInt32(1), r.GetInt32(2), Policies(r.GetString(3))), ct)
        ?? KeyManagerSettings.Default;

    public static async Task SaveAsync(DbConnection c, DbTransaction tx, KeyManagerSettings settings, CancellationToken ct)
    {
        await Db.ExecuteAsync(c, tx, "DELETE FROM key_manager_config", ct);
        await Db.ExecuteAsync(c, tx,
            "INSERT INTO key_manager_config (id, cc_mode, polling_interval, cloud_kms_retry_count, health_policy) VALUES (1, @cc, @p, @r, @h)", ct,
            ("@cc", settings.CommonCriteria), ("@p", settings.PollingIntervalMinutes), ("@r", settings.CloudKmsRetryCount),
            ("@h", JsonSerializer.Serialize(settings.HealthMonitor, Json)));
    }

    /// <summary>Whether any key manager of the cluster, of any SVM, uses key servers.</summary>
    public static async Task<bool> HasExternalAsync(DbConnection c, DbTransaction? tx, CancellationToken ct) =>
        Convert.ToInt64(await Db.ScalarAsync(c, tx, "SELECT COUNT(*) FROM key_managers WHERE kind = @k", ct, ("@k", KeyManager.External)),
            System.Globalization.CultureInfo.InvariantCulture) > 0;

    private static Dictionary<string, HealthMonitorPolicy> Policies(string json)
    {
        var stored = JsonSerializer.Deserialize<Dictionary<string, HealthMonitorPolicy>>(json, Json) ?? [];
        // A type added to Kinds after the row was written gets the default.
        return KeyManagerSettings.Kinds.ToDictionary(k => k, k => stored.GetValueOrDefault(k) ?? HealthMonitorPolicy.Default);
    }
}
