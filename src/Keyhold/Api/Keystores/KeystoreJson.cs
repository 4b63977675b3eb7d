using System.Text.Json.Nodes;
using Keyhold.Keys;
using Keyhold.Keystores;
using Keyhold.Ontap;

namespace Keyhold.Api.Keystores;

/// <summary>The ONTAP JSON of a key-store record, in the order of ONTAP's 9.16.1 example.</summary>
public static class KeystoreJson
{
    public static JsonObject Build(Keystore keystore)
    {
        var config = keystore.Config;
        var json = new JsonObject
        {
            ["uuid"] = config.Uuid.ToString(),
            ["type"] = keystore.Type,
            ["location"] = keystore.Location,
            ["configuration"] = new JsonObject
            {
                ["name"] = Keystore.ConfigurationName,
                ["uuid"] = config.Uuid.ToString(),
                // The owning resource, as in ONTAP 9.14.1's examples.
                ["_links"] = OntapLinks.Self(KeyManager.Href(config.Uuid)),
            },
            ["enabled"] = config.Enabled,
            ["scope"] = config.Scope,
        };
        if (config.SvmUuid is { } svm)
        {
            json["svm"] = SvmReference.Of(svm, config.SvmName ?? "");
        }
        if (keystore.State is { } state)
        {
            json["state"] = state;
        }
        json["_links"] = OntapLinks.Self(Keystore.Href(config.Uuid));
        return json;
    }
}
