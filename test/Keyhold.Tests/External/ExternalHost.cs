using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Keyhold.Tests.External;

/// <summary>A Keyhold with short KMIP timeouts and a fast connectivity monitor, plus shortcuts for external key managers.</summary>
public sealed class ExternalHost : IDisposable
{
    public const string Managers = "/api/security/key-managers";

    private readonly KeyholdFactory factory = new();
    private readonly WebApplicationFactory<Program> app;

    /// <param name="services">Extra registrations (e.g. a gated key store), made after the app's own.</param>
    /// <param name="release">The ONTAP release the cluster answers as (Keyhold:Ontap:Version); null for the default.</param>
    /// <param name="settings">More configuration, by configuration path (e.g. a MetroCluster partner).</param>
    public ExternalHost(double connectivityInterval = 10, double kmipTimeout = 3, Action<IServiceCollection>? services = null, string? release = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        if (release is not null)
        {
            factory.Settings["Keyhold:Ontap:Version"] = release;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            factory.Settings[key] = value;
        }
        app = factory.WithWebHostBuilder(b => b
            .UseSetting("Keyhold:ConnectivityInterval", connectivityInterval.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Keyhold:KmipConnectTimeout", kmipTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ConfigureServices(s => services?.Invoke(s)));
        Admin = app.CreateClient();
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{KeyholdFactory.AdminPassword}")));
    }

    public HttpClient Admin { get; }

    public string DataDir => factory.DataDir;

    public LogCapture Logs => factory.Logs;

    public IServiceProvider Services => app.Services;

    public T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public long Count(string table) => StoreProbe.Count(DataDir, table);

    /// <summary>Installs a certificate (POST /api/security/certificates) and returns its uuid.</summary>
    public async Task<string> InstallAsync(string type, string pem, string? key = null, string? svm = null)
    {
        var body = new JsonObject { ["type"] = type, ["public_certificate"] = pem };
        if (key is not null)
        {
            body["private_key"] = key;
        }
        if (svm is not null)
        {
            body["svm"] = new JsonObject { ["name"] = svm };
        }
        var created = await Admin.PostJsonAsync("/api/security/certificates?return_records=true", body.ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }

    /// <summary>The peer's client certificate and CA, installed: (client uuid, server_ca uuid).</summary>
    public async Task<(string Client, string Ca)> InstallPeerAsync(KmipPeer peer, string? svm = null) =>
        (await InstallAsync("client", peer.ClientCertPem, peer.ClientKeyPem, svm), await InstallAsync("server_ca", peer.CaPem, svm: svm));

    public static JsonObject Body(string client, IEnumerable<string> cas, IEnumerable<string> servers, string? svmUuid = null)
    {
        var body = new JsonObject
        {
            ["external"] = new JsonObject
            {
                ["client_certificate"] = new JsonObject { ["uuid"] = client },
                ["server_ca_certificates"] = new JsonArray([.. cas.Select(JsonNode (ca) => new JsonObject { ["uuid"] = ca })]),
                ["servers"] = new JsonArray([.. servers.Select(JsonNode (s) => new JsonObject { ["server"] = s })]),
            },
        };
        if (svmUuid is not null)
        {
            body["svm"] = new JsonObject { ["uuid"] = svmUuid };
        }
        return body;
    }

    public Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> CreateAsync(string client, string ca, params string[] servers) =>
        Admin.PostJsonAsync(Managers + "?return_records=true", Body(client, [ca], servers).ToJsonString());

    /// <summary>A cluster external key manager on <paramref name="peer"/>; returns its uuid.</summary>
    public async Task<string> CreateOnAsync(KmipPeer peer, params string[] servers)
    {
        var (client, ca) = await InstallPeerAsync(peer);
        var created = await CreateAsync(client, ca, servers.Length == 0 ? [peer.Server] : servers);
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }

    /// <summary>An external key manager for SVM <paramref name="svm"/> on <paramref name="servers"/> (all under the peer's CA); returns its uuid.</summary>
    public async Task<string> CreateOnSvmAsync(string svm, KmipPeer peer, params string[] servers)
    {
        var svmUuid = (await Admin.GetJsonAsync($"/api/svm/svms?name={svm}")).Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var (client, ca) = await InstallPeerAsync(peer, svm);
        var created = await Admin.PostJsonAsync(Managers + "?return_records=true", Body(client, [ca], servers.Length == 0 ? [peer.Server] : servers, svmUuid).ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }

    public async Task<string> CreateSvmAsync(string name)
    {
        var created = await Admin.PostJsonAsync("/api/svm/svms?return_records=true", new { name });
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
