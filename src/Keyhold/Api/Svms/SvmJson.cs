using System.Text.Json;
using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Cluster;
using Keyhold.Ontap;

namespace Keyhold.Api.Svms;

/// <summary>An SVM as /api/svm/svms shows it.</summary>
public static class SvmJson
{
    public static JsonObject ToJson(this Svm svm)
    {
        var json = Core(svm);
        // The stored fields are top-level members of their own (none shares a container with uuid, name or state).
        var attributes = StoredAttributes.Complete(svm.Attributes);
        foreach (var (name, value) in attributes.ToList())
        {
            attributes.Remove(name);
            json[name] = value;
        }
        json.Remove("_links");
        json["_links"] = SvmReference.Link(svm.Uuid); // last, as before
        return json;
    }

    /// <summary>
    /// The record <see cref="ToJson"/> makes, projected and written without making it: the stored fields come from the
    /// attributes parsed once and shared (<see cref="StoredAttributes"/>).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, Svm svm, FieldSelection fields, bool plain) =>
        fields.WriteProjectedMerged(writer, Core(svm), StoredAttributes.Of(svm.Attributes), plain);

    /// <summary>Page rows as ready bytes, kept per row and selection (<see cref="RowBytes{T}"/>): what a collection GET writes.</summary>
    internal static readonly RowBytes<Svm> PageRows = new(Write);

    private static JsonObject Core(Svm svm) => new()
    {
        ["uuid"] = svm.Uuid.ToString(),
        ["name"] = svm.Name,
        ["state"] = svm.State,
        ["_links"] = SvmReference.Link(svm.Uuid),
    };
}
