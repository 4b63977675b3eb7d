using System.Text.Json.Nodes;
using Keyhold.Cluster;
using Keyhold.Ontap;

namespace Keyhold.Api.Svms;

/// <summary>An SVM as /api/svm/svms shows it.</summary>
public static class SvmJson
{
    public static JsonObject ToJson(this Svm svm) => new()
    {
        ["uuid"] = svm.Uuid.ToString(),
        ["name"] = svm.Name,
        ["state"] = svm.State,
        ["_links"] = SvmReference.Link(svm.Uuid),
    };
}
