using Keyhold.Storage;

namespace Keyhold.Security;

/// <summary>
/// Every change request (POST, PATCH, DELETE) is recorded: who, what path, the outcome. Bodies are
/// never recorded, so passphrases and private keys cannot reach the audit trail; query strings are
/// dropped for the same reason.
/// </summary>
public sealed class AuditLog(IStore store, TimeProvider time, ILogger<AuditLog> logger)
{
    public async Task RecordAsync(string user, string method, string path, int status, CancellationToken ct)
    {
        try
        {
            await store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx,
                "INSERT INTO audit (id, time, user_name, method, path, status) VALUES (@i, @t, @u, @m, @p, @s)", t,
                ("@i", Guid.NewGuid()), ("@t", time.GetUtcNow()), ("@u", user), ("@m", method), ("@p", path), ("@s", status)), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not write the audit record of {Method} {Path}: {Type}", method, path, e.GetType().Name);
        }
        logger.LogInformation("audit: {User} {Method} {Path} -> {Status}", user, method, path, status);
    }

    /// <summary>
    /// Several records in one transaction (one synced commit), for doors that audit at a high rate (KMIP). Each is
    /// logged at Debug; the caller logs what deserves more.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        try
        {
            await store.WriteAsync(async (c, tx, t) =>
            {
                foreach (var e in entries)
                {
                    await Db.ExecuteAsync(c, tx,
                        "INSERT INTO audit (id, time, user_name, method, path, status) VALUES (@i, @t, @u, @m, @p, @s)", t,
                        ("@i", Guid.NewGuid()), ("@t", e.Time), ("@u", e.User), ("@m", e.Method), ("@p", e.Path), ("@s", e.Status));
                }
                return 0;
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not write {Count} audit records: {Type}", entries.Count, e.GetType().Name);
        }
        foreach (var e in entries)
        {
            logger.LogDebug("audit: {User} {Method} {Path} -> {Status}", e.User, e.Method, e.Path, e.Status);
        }
    }
}
