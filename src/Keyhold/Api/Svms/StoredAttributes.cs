using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap.Schemas;

namespace Keyhold.Api.Svms;

/// <summary>
/// An SVM's stored attributes completed with their defaults, parsed once per distinct text and shared read-only by the
/// records that carry it (most SVMs carry the same few texts): a page of SVMs no longer parses and rebuilds them per row.
/// </summary>
internal static class StoredAttributes
{
    /// <summary>Distinct texts kept; past it the cache starts over, so memory stays bounded whatever the SVMs hold.</summary>
    private const int MaxKept = 256;

    private static readonly SharedJson<string> Completed = new(MaxKept, Complete);

    /// <summary>The completed attributes of <paramref name="stored"/>; never change the object returned.</summary>
    public static JsonObject Of(string stored) => Completed.Of(stored);

    /// <summary>What SvmJson shows of the stored text: its fields with their defaults, and aggregates as a list.</summary>
    public static JsonObject Complete(string stored)
    {
        var attributes = VolumeAttributeJson.Complete(stored, SvmAttributes.All);
        // na_ontap_svm indexes aggregates directly: an SVM that names none shows an empty list, as ONTAP does.
        attributes["aggregates"] ??= new JsonArray();
        return attributes;
    }
}
