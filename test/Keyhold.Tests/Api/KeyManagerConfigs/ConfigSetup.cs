using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Kmip;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagerConfigs;

/// <summary>Shortcuts for the key-manager-configs tests: the path, a 64-character passphrase, an external key manager on an in-process KMIP fake.</summary>
public static class ConfigSetup
{
    public const string Path = "/api/security/key-manager-configs";

    /// <summary>Long enough for Common Criteria mode (64..256).</summary>
    public static readonly string CcPassphrase = new string('c', 40) + " common criteria passphrase 64";

    /// <summary>The stored row: cc_mode, polling_interval, cloud_kms_retry_count, health_policy; null when none was written.</summary>
    public static object?[]? Row(string dataDir) =>
        StoreProbe.Rows(dataDir, "SELECT cc_mode, polling_interval, cloud_kms_retry_count, health_policy FROM key_manager_config").SingleOrDefault();

    /// <summary>An external key manager (cluster scope) whose one key server is <paramref name="fake"/>; returns its uuid.</summary>
    public static async Task<string> ExternalAsync(HttpClient admin, FakeKmipServer fake)
    {
        using var pki = new TestPki();
        var (cert, key) = pki.Leaf("keyhold-client");
        var client = await InstallAsync(admin, new JsonObject { ["type"] = "client", ["public_certificate"] = cert, ["private_key"] = key });
        var ca = await InstallAsync(admin, new JsonObject { ["type"] = "server_ca", ["public_certificate"] = fake.CaPem });
        var created = await admin.PostJsonAsync(ExternalHost.Managers + "?return_records=true", ExternalHost.Body(client, [ca], [fake.Server]).ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }

    public static FakeKmipServer Fake() => new(FakeKmipServer.Mode.Answer, ProtocolVersion.V1_4);

    private static async Task<string> InstallAsync(HttpClient admin, JsonObject body)
    {
        var created = await admin.PostJsonAsync("/api/security/certificates?return_records=true", body.ToJsonString());
        created.AssertStatus(HttpStatusCode.Created);
        return created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
    }
}
