using Keyhold.Storage;

namespace Keyhold.Security;

/// <summary>ONTAP's /api/security/audit: whether GETs are audited too, per application (changes always are). Off by default, as in ONTAP.</summary>
public sealed record AuditSettings(bool Cli, bool Http, bool Ontapi)
{
    public static readonly AuditSettings Default = new(false, false, false);
}

/// <summary>
/// The audit settings row (one per cluster). Read on every audited GET, so this node remembers it for a second: a
/// change made on another node applies here within that.
/// </summary>
public sealed class AuditSettingsStore(IStore store, TimeProvider time)
{
    private (AuditSettings Settings, DateTimeOffset Read)? cached;

    public async Task<AuditSettings> GetAsync(CancellationToken ct)
    {
        if (cached is { } hit && time.GetUtcNow() - hit.Read < TimeSpan.FromSeconds(1))
        {
            return hit.Settings;
        }
        var settings = await store.ReadAsync(async (c, t) =>
            (await Db.QueryAsync(c, null, "SELECT cli, http, ontapi FROM audit_settings", r => new AuditSettings(r.Bool(0), r.Bool(1), r.Bool(2)), t))
            .FirstOrDefault() ?? AuditSettings.Default, ct);
        cached = (settings, time.GetUtcNow());
        return settings;
    }

    /// <summary>Replaces the row in one transaction.</summary>
    public async Task SaveAsync(AuditSettings settings, CancellationToken ct)
    {
        await store.WriteAsync(async (c, tx, t) =>
        {
            await Db.ExecuteAsync(c, tx, "DELETE FROM audit_settings", t);
            return await Db.ExecuteAsync(c, tx, "INSERT INTO audit_settings (id, cli, http, ontapi) VALUES (1, @c, @h, @o)", t,
                ("@c", settings.Cli), ("@h", settings.Http), ("@o", settings.Ontapi));
        }, ct);
        cached = (settings, time.GetUtcNow());
    }
}
