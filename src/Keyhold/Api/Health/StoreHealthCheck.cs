using Keyhold.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Keyhold.Api.Health;

/// <summary>
/// Ready needs the store: a query through the store itself, and for SQLite a fresh open of the file too, since the
/// store's pooled connections keep working on a file that was removed or made unreadable underneath them.
/// </summary>
public sealed class StoreHealthCheck(IStore store, IOptions<StoreOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["store"] = store.Kind };
        try
        {
            await store.ReadAsync((c, ct) => Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM cluster", ct), cancellationToken);
            if (store.Kind == StoreOptions.Sqlite)
            {
                await OpenFileAsync(options.Value.SqlitePath, cancellationToken);
            }
            return HealthCheckResult.Healthy("The store answers.", data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's message may name the connection string's parts; report only its type.
            data["error"] = e.GetType().Name;
            return HealthCheckResult.Unhealthy("The store does not answer.", data: data);
        }
    }

    private static async Task OpenFileAsync(string path, CancellationToken ct)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await Db.ScalarAsync(connection, null, "SELECT COUNT(*) FROM cluster", ct);
    }
}
