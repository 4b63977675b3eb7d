using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>The nested SVM reference other resources embed: <c>{"uuid","name","_links"}</c>.</summary>
public static class SvmReference
{
    public const string Href = "/api/svm/svms/";

    public static JsonObject Of(Guid uuid, string name) => new()
    {
        ["uuid"] = uuid.ToString(),
        ["name"] = name,
        ["_links"] = Link(uuid),
    };

    public static JsonObject Link(Guid uuid) => OntapLinks.Self(Href + uuid);
}
