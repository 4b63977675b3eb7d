using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.AuthKeys;

/// <summary>
/// An external key manager whose last key server was removed has nowhere to keep authentication keys: listing them is
/// 65536074 and creating one 65536856 (ONTAP's GET and POST codes); with servers that all fail, creating one is 65536076.
/// Nothing is stored. Against PyKMIP.
/// </summary>
public sealed class AuthKeysWithoutKeyServersTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task Without_key_servers_auth_keys_are_65536074_to_list_and_65536856_to_create()
    {
        var uuid = await host.CreateOnAsync(KmipPeers.A);
        var authKeys = $"{ExternalHost.Managers}/{uuid}/auth-keys";
        (await host.Admin.GetJsonAsync(authKeys)).AssertStatus(HttpStatusCode.OK);
        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{uuid}/key-servers/{KmipPeers.A.Server}")).AssertStatus(HttpStatusCode.OK);

        (await host.Admin.GetJsonAsync(authKeys)).AssertError(HttpStatusCode.BadRequest, "65536074", "No key servers found.");
        (await host.Admin.PostJsonAsync(authKeys, new { key_tag = "ak1" }))
            .AssertError(HttpStatusCode.BadRequest, "65536856", "No key servers found for the SVM.", "security_key_manager.uuid");

        Assert.Equal(0, host.Count("keys"));
        Assert.Equal(0, host.Count("key_servers"));
    }

    [SkippableFact]
    public async Task When_no_key_server_takes_the_key_creating_it_is_65536076()
    {
        using var sibling = new KmipSibling();
        var uuid = await host.CreateOnAsync(KmipPeers.A, sibling.Server);
        sibling.Stop();

        (await host.Admin.PostJsonAsync($"{ExternalHost.Managers}/{uuid}/auth-keys", new { key_tag = "ak1" }))
            .AssertError(HttpStatusCode.BadRequest, "65536076", "Failed to push authentication key to any registered key servers.");

        Assert.Equal(0, host.Count("keys"));
    }

    public void Dispose() => host.Dispose();
}
