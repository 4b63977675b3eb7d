using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Keyhold.Tests.External;
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

    /// <summary>A cluster external key manager on <paramref name="servers"/> with PyKMIP A's certificates; returns its uuid.</summary>
    public async Task<string> CreateExternalAsync(params string[] servers)
    {
        var client = await InstallAsync(new JsonObject
        {
            ["type"] = "client", ["public_certificate"] = KmipPeers.A.ClientCertPem, ["private_key"] = KmipPeers.A.ClientKeyPem,
        });
        var ca = await InstallAsync(new JsonObject { ["type"] = "server_ca", ["public_certificate"] = KmipPeers.A.CaPem });
        var created = await Admin.PostJsonAsync(ExternalHost.Managers + "?return_records=true", ExternalHost.Body(client, [ca], servers).ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }

    private async Task<string> InstallAsync(JsonObject body)
    {
        var created = await Admin.PostJsonAsync("/api/security/certificates?return_records=true", body.ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }

    public void Dispose()
    {
        Admin.Dispose();
        app.Dispose();
        factory.Dispose();
    }
}
