using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Keystores;

/// <summary>An external configuration left without key servers cannot be enabled: 65536856 before any job, nothing changes. Against PyKMIP.</summary>
public sealed class KeystoreNoKeyServersTests : IDisposable
{
    private readonly ExternalHost host = new();

    [SkippableFact]
    public async Task Enabling_an_external_configuration_without_key_servers_is_65536856()
    {
        // Key servers of a staged configuration cannot be changed (65536828), so its last one goes while it is enabled
        // (allowed: no key depends on it), and a switch to onboard then leaves it inactive without servers.
        var kmip = await host.CreateOnAsync(KmipPeers.A);
        (await host.Admin.DeleteJsonAsync($"{ExternalHost.Managers}/{kmip}/key-servers/{KmipPeers.A.Server}")).AssertStatus(HttpStatusCode.OK);
        var okm = await KeystoreSetup.InactiveAsync(host.Admin, new { onboard = new { passphrase = OnboardSetup.Passphrase } });
        Assert.Equal("success", (await KeystoreSetup.SwitchAsync(host.Admin, okm))["state"]!.GetValue<string>());
        var jobs = host.Count("jobs");
        var before = KeystoreSetup.ScopeKeys(host.DataDir);

        (await KeystoreSetup.EnableAsync(host.Admin, kmip))
            .AssertError(HttpStatusCode.BadRequest, "65536856", "No external key management server configured for SVM.", "uuid");

        Assert.Equal(before, KeystoreSetup.ScopeKeys(host.DataDir));
        Assert.Equal(jobs, host.Count("jobs"));
        Assert.Equal(0, host.Count("key_servers"));
    }

    public void Dispose() => host.Dispose();
}
