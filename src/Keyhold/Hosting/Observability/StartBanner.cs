using System.Reflection;
using Keyhold.Cluster;
using Keyhold.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Keyhold.Hosting.Observability;

/// <summary>
/// One line once the node listens: version, URLs, data folder, store and node, so an operator reading the log knows
/// what runs where. The PostgreSQL connection is named by host and database only (never its password).
/// </summary>
public static class StartBanner
{
    public static void Log(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<StoreOptions>>().Value;
        var store = app.Services.GetRequiredService<IStore>();
        var context = app.Services.GetRequiredService<ClusterContext>();
        var data = app.Services.GetRequiredService<IOptions<KeyholdOptions>>().Value.DataDir;
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartBanner).FullName!).LogInformation(
            "Keyhold {Version} listening on {Urls}; data folder {DataDir}; store {Store} ({Where}); node {Node} ({NodeUuid}) of cluster {ClusterUuid}",
            Version, string.Join(", ", app.Urls), Path.GetFullPath(data), store.Kind, Where(options), context.Node.Name, context.Node.Uuid, context.Cluster.Uuid);
    }

    public static string Version =>
        typeof(StartBanner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(StartBanner).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string Where(StoreOptions options)
    {
        if (options.Store != StoreOptions.Postgres)
        {
            return Path.GetFullPath(options.SqlitePath);
        }
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        return $"{connection.Host}:{connection.Port}/{connection.Database}";
    }
}
