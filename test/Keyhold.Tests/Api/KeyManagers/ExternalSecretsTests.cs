using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

public sealed class ExternalSecretsTests
{
    [SkippableFact]
    public async Task No_private_key_or_key_server_password_appears_in_a_response_log_or_stored_file()
    {
        const string password = "SECRET-key-server-password-42";
        using var host = new ExternalHost();
        var uuid = await host.CreateOnAsync(KmipPeers.A);
        var server = $"{ExternalHost.Managers}/{uuid}/key-servers/{KmipPeers.A.Server}";
        var bodies = new List<string?>
        {
            (await host.Admin.PatchJsonAsync(server, new { username = "user", password })).Body?.ToJsonString(),
            (await host.Admin.PatchJsonAsync(server, new { timeout = 0, password })).Body?.ToJsonString(),
            (await host.Admin.GetJsonAsync(server + "?fields=**")).Body?.ToJsonString(),
            (await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers?fields=**")).Body?.ToJsonString(),
            (await host.Admin.GetJsonAsync($"{ExternalHost.Managers}?fields=**")).Body?.ToJsonString(),
            (await host.Admin.GetJsonAsync($"{ExternalHost.Managers}/{uuid}?fields=**")).Body?.ToJsonString(),
            (await host.Admin.PostJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers", new { server = KmipPeers.A.Alias })).Body?.ToJsonString(),
        };
        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{uuid}")).AssertStatus(HttpStatusCode.OK);

        var everything = string.Join('\n', bodies) + host.Logs.All + System.Text.Encoding.Latin1.GetString(StoreProbe.AllBytes(host.DataDir));
        var keyBody = KmipPeers.A.ClientKeyPem.Split('\n')[1]; // one base64 line of the client's private key
        Assert.DoesNotContain("SECRET", everything);
        Assert.DoesNotContain(keyBody, everything);
        Assert.DoesNotContain("PRIVATE KEY", string.Join('\n', bodies) + host.Logs.All);
    }
}
