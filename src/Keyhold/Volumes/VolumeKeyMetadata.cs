using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Volumes;

/// <summary>
/// A VEK's consumer, kept in keys.metadata and so carried by every key_backup: enough to re-attach the volume
/// when the hierarchy is recovered on an empty cluster. Members a key store adds (e.g. KMIP UIDs) are kept.
/// </summary>
public sealed record VolumeKeyMetadata(Guid Volume, string VolumeName, Guid Svm, string SvmName, long Size, string State)
{
    public static VolumeKeyMetadata Of(Volume v) => new(v.Uuid, v.Name, v.SvmUuid, v.SvmName, v.Size, v.State);

    public JsonObject ToJson() => new()
    {
        ["volume"] = Volume.ToString(),
        ["volume_name"] = VolumeName,
        ["svm"] = Svm.ToString(),
        ["svm_name"] = SvmName,
        ["size"] = Size,
        ["state"] = State,
    };

    /// <summary>The stored metadata with this consumer's members replaced and the others left alone.</summary>
    public string MergeInto(string metadata)
    {
        var json = (Parse(metadata, out var existing) ? existing : null) ?? [];
        foreach (var (name, value) in ToJson())
        {
            json[name] = value?.DeepClone();
        }
        return json.ToJsonString();
    }

    /// <summary>The volume a key belongs to, or null for a key without one (or metadata this version cannot read).</summary>
    public static VolumeKeyMetadata? Read(string metadata)
    {
        if (!Parse(metadata, out var json) || json is null)
        {
            return null;
        }
        try
        {
            return Guid.TryParse((string?)json["volume"], out var volume) && Guid.TryParse((string?)json["svm"], out var svm)
                && (string?)json["volume_name"] is { } name && (string?)json["svm_name"] is { } svmName
                ? new VolumeKeyMetadata(volume, name, svm, svmName, (long?)json["size"] ?? VolumeRules.DefaultSize, (string?)json["state"] ?? VolumeRules.Online)
                : null;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static bool Parse(string metadata, out JsonObject? json)
    {
        try
        {
            json = JsonNode.Parse(metadata) as JsonObject;
            return true;
        }
        catch (JsonException)
        {
            json = null;
            return false;
        }
    }
}
