using System.Text.Json.Nodes;
using Keyhold.Cluster;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;

namespace Keyhold.Api.Svms;

/// <summary>An SVM as /api/svm/svms shows it.</summary>
public static class SvmJson
{
    public static JsonObject ToJson(this Svm svm)
    {
        var json = new JsonObject
        {
            ["uuid"] = svm.Uuid.ToString(),
            ["name"] = svm.Name,
            ["state"] = svm.State,
        };
        // The stored fields are top-level members of their own (none shares a container with uuid, name or state).
        var attributes = VolumeAttributeJson.Complete(svm.Attributes, SvmAttributes.All);
        // na_ontap_svm indexes aggregates directly: an SVM that names none shows an empty list, as ONTAP does.
        attributes["aggregates"] ??= new JsonArray();
        foreach (var (name, value) in attributes.ToList())
        {
            attributes.Remove(name);
            json[name] = value;
        }
        json["_links"] = SvmReference.Link(svm.Uuid);
        return json;
    }
}
