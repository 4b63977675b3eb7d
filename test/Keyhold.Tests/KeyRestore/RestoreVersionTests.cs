using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KeyRestore;

/// <summary>POST …/restore needs an external key manager, and exists from ONTAP 9.13 only.</summary>
public sealed class RestoreVersionTests
{
    [Fact]
    public async Task The_onboard_key_manager_has_nothing_to_restore_from_65536828_and_before_9_13_there_is_no_such_api()
    {
        using var factory = new KeyholdFactory();
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);

        (await client.PostJsonAsync($"{ExternalHost.Managers}/{uuid}/restore", new { }))
            .AssertError(HttpStatusCode.BadRequest, "65536828", "External key management is not enabled for the SVM.", "security_key_manager.uuid");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "jobs"));

        using var old = new KeyholdFactory { Settings = { ["Keyhold:Ontap:Version"] = "9.12.1" } };
        (await old.Admin().PostJsonAsync($"{ExternalHost.Managers}/{Guid.NewGuid()}/restore", new { })).AssertError(HttpStatusCode.NotFound, "3");
    }
}
