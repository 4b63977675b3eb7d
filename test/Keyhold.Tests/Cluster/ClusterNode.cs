using System.Net.Http.Headers;
using System.Text;
using Keyhold.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Keyhold.Tests.Cluster;

/// <summary>One node of a test cluster on a shared store (one SQLite file or PostgreSQL), probing key servers every second.</summary>
public sealed class ClusterNode : IDisposable
{
    private readonly KeyholdFactory factory;
    private readonly WebApplicationFactory<Program> app;

    public ClusterNode(string name, SharedStore store)
    {
        factory = new KeyholdFactory(storePath: store.SqlitePath, nodeName: name, postgres: store.Postgres);
        app = factory.WithWebHostBuilder(b => b
            .UseSetting("Keyhold:ConnectivityInterval", "1")
            .UseSetting("Keyhold:KmipConnectTimeout", "3"));
        Admin = app.CreateClient();
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{KeyholdFactory.AdminPassword}")));
        Name = name;
    }

    public string Name { get; }

    public HttpClient Admin { get; }

    public T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public void Dispose()
    {
        Admin.Dispose();
        app.Dispose();
        factory.Dispose();
    }
}
