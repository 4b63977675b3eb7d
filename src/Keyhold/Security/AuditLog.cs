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
}
