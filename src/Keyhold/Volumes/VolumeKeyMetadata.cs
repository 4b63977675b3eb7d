using System.Text;
using System.Text.Json;

namespace Keyhold.Volumes;

/// <summary>
/// A VEK's consumer, kept in keys.metadata and so carried by every key_backup: enough to re-attach the volume
/// when the hierarchy is recovered on an empty cluster. Members a key store adds (e.g. KMIP UIDs) are kept.
/// </summary>
public sealed record VolumeKeyMetadata(Guid Volume, string VolumeName, Guid Svm, string SvmName, long Size, string State)
{
    private static readonly string[] Members = ["volume", "volume_name", "svm", "svm_name", "size", "state"];

    public static VolumeKeyMetadata Of(Volume v) => new(v.Uuid, v.Name, v.SvmUuid, v.SvmName, v.Size, v.State);

    /// <summary>The consumer as the metadata's JSON text: {"volume","volume_name","svm","svm_name","size","state"}.</summary>
    public string ToJsonText() => MergeInto("{}");

    /// <summary>
    /// The stored metadata with this consumer's members replaced in place and the others left alone; members it lacks
    /// come last. Compact, with System.Text.Json's default escaping, as the rows written before have it.
    /// </summary>
    public string MergeInto(string metadata)
    {
        using var existing = Parse(metadata);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var written = new HashSet<string>(StringComparer.Ordinal);
            if (existing?.RootElement is { ValueKind: JsonValueKind.Object } root)
            {
                foreach (var property in root.EnumerateObject())
                {
                    // A repeated name keeps its first place and its last value, as JsonObject's indexer did.
                    if (!written.Add(property.Name))
                    {
                        continue;
                    }
                    if (Members.Contains(property.Name))
                    {
                        WriteMember(writer, property.Name);
                    }
                    else
                    {
                        writer.WritePropertyName(property.Name);
                        Last(root, property.Name).WriteTo(writer);
                    }
                }
            }
            foreach (var name in Members.Where(written.Add))
            {
                WriteMember(writer, name);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void WriteMember(Utf8JsonWriter writer, string name)
    {
        switch (name)
        {
            case "volume": writer.WriteString(name, Volume.ToString()); break;
            case "volume_name": writer.WriteString(name, VolumeName); break;
            case "svm": writer.WriteString(name, Svm.ToString()); break;
            case "svm_name": writer.WriteString(name, SvmName); break;
            case "size": writer.WriteNumber(name, Size); break;
            default: writer.WriteString(name, State); break;
        }
    }

    private static JsonElement Last(JsonElement root, string name) =>
        root.EnumerateObject().Last(p => p.Name == name).Value;

    /// <summary>The volume a key belongs to, or null for a key without one (or metadata this version cannot read).</summary>
    public static VolumeKeyMetadata? Read(string metadata)
    {
        using var document = Parse(metadata);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } json)
        {
            return null;
        }
        try
        {
            return Guid.TryParse(Text(json, "volume"), out var volume) && Guid.TryParse(Text(json, "svm"), out var svm)
                && Text(json, "volume_name") is { } name && Text(json, "svm_name") is { } svmName
                ? new VolumeKeyMetadata(volume, name, svm, svmName, Number(json, "size") ?? VolumeRules.DefaultSize, Text(json, "state") ?? VolumeRules.Online)
                : null;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    // As JsonNode's casts: absent or null is null, any other kind than the one asked for is refused.
    private static string? Text(JsonElement json, string name) =>
        Find(json, name) is not { } value || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString() : throw new InvalidOperationException(name);

    private static long? Number(JsonElement json, string name) =>
        Find(json, name) is not { } value || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number ? value.GetInt64() : throw new InvalidOperationException(name);

    private static JsonElement? Find(JsonElement json, string name) =>
        json.EnumerateObject().Where(p => p.Name == name).Select(p => (JsonElement?)p.Value).LastOrDefault();

    private static JsonDocument? Parse(string metadata)
    {
        try
        {
            return JsonDocument.Parse(metadata);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
