using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Keyhold.Tests.Support;

/// <summary>
/// An in-process Keyhold on a throwaway data folder, with every log line captured so tests can
/// prove that no secret is ever logged. Two factories on one folder act as a restart.
/// </summary>
public sealed class KeyholdFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-password-for-tests";

    public KeyholdFactory(string? dataDir = null, string? storePath = null, string? nodeName = null, string? postgres = null)
    {
        Postgres = postgres;
        DataDir = dataDir ?? TempDir.Create();
        StorePath = storePath;
        NodeName = nodeName;
    }

    public string DataDir { get; }

    /// <summary>A store file shared with other nodes, or null for the data folder's own.</summary>
    public string? StorePath { get; }

    public string? NodeName { get; }

    /// <summary>A PostgreSQL connection string to use instead of SQLite.</summary>
    public string? Postgres { get; }

    public LogCapture Logs { get; } = new();

    /// <summary>Further settings (key = configuration path), applied last.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Keyhold:DataDir", DataDir);
        builder.UseSetting("Keyhold:AdminPassword", AdminPassword);
        // Tests change passphrases often; production keeps OWASP's 600,000.
        builder.UseSetting("Keyhold:KdfIterations", "2000");
        builder.UseSetting("Keyhold:NodeSyncInterval", "00:00:00.200");
        if (StorePath is not null)
        {
            builder.UseSetting("Keyhold:StorePath", StorePath);
        }
        if (Postgres is not null)
        {
            builder.UseSetting("Keyhold:Store", "postgres");
            builder.UseSetting("Keyhold:ConnectionString", Postgres);
        }
        if (NodeName is not null)
        {
            builder.UseSetting("Keyhold:NodeName", NodeName);
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public HttpClient Admin() => Client("admin", AdminPassword);

    public HttpClient Client(string user, string password)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}
