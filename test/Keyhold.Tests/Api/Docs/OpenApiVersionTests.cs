using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Docs;

/// <summary>/docs/api describes the release the cluster is (Keyhold:Ontap:Version): newer endpoints and fields are not in it.</summary>
public sealed class OpenApiVersionTests
{
    [Fact]
    public async Task At_9_7_the_document_lacks_what_9_10_and_later_brought_and_at_the_default_it_has_it()
    {
        using var old = new KeyholdFactory { Settings = { ["Keyhold:Ontap:Version"] = "9.7.0" } };
        using var current = new KeyholdFactory();

        var (_, oldDiagnostic, oldJson) = await OpenApiReading.GetAsync(old.CreateClient());
        var (_, _, newJson) = await OpenApiReading.GetAsync(current.CreateClient());

        Assert.Empty(oldDiagnostic.Errors);
        var oldPaths = oldJson["paths"]!.AsObject().Select(p => p.Key).ToList();
        var newPaths = newJson["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.DoesNotContain("/api/security/key-manager-configs", oldPaths);
        Assert.DoesNotContain("/api/security/key-managers/{uuid}/keys/{node}/key-ids", oldPaths);
        Assert.Contains("/api/security/key-managers", oldPaths);
        Assert.Contains("/api/security/key-manager-configs", newPaths);
        Assert.Contains("/api/security/key-managers/{uuid}/keys/{node}/key-ids", newPaths);
        Assert.Null(oldJson["components"]!["schemas"]!["key_manager_config"]);

        var oldKm = oldJson["components"]!["schemas"]!["security_key_manager"]!["properties"]!.AsObject();
        var newKm = newJson["components"]!["schemas"]!["security_key_manager"]!["properties"]!.AsObject();
        Assert.False(oldKm.ContainsKey("enabled"));
        Assert.False(oldKm.ContainsKey("configuration"));
        Assert.True(newKm.ContainsKey("enabled"));
        Assert.False(oldKm.ContainsKey("policy"));
        Assert.Equal("string", newKm["policy"]!["type"]!.GetValue<string>());
        Assert.True(oldKm.ContainsKey("onboard"));
        var config = newJson["components"]!["schemas"]!["key_manager_config"]!["properties"]!.AsObject();
        Assert.True(config.ContainsKey("health_monitor_policy"));
        Assert.True(config["passphrase"]!["writeOnly"]!.GetValue<bool>());
        // 9.16.1 has no Barbican policy (9.17).
        Assert.False(config["health_monitor_policy"]!["properties"]!.AsObject().ContainsKey("barbican"));
    }
}
