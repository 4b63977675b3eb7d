using System.Text.Json;
using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Volumes;

namespace Keyhold.Api.Volumes;

/// <summary>A volume as /api/storage/volumes shows it.</summary>
public static class VolumeJson
{
    /// <summary>ONTAP's default inode limit: one file per 32 KiB of the volume's size.</summary>
    public const long BytesPerFile = 32 << 10;

    public static JsonObject ToJson(this Volume volume)
    {
        var record = Core(volume);
        WriteAttributes(record, volume.Attributes, volume.Size);
        return record.Set("space.size", volume.Size);
    }

    /// <summary>
    /// The record <see cref="ToJson"/> makes, projected and written without making it: the stored fields (with the
    /// size-derived ones) come from attributes parsed once per distinct text and size and shared (<see cref="Shown"/>).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, Volume volume, FieldSelection fields, bool plain) =>
        fields.WriteProjectedMerged(writer, Core(volume), Shown.Of((volume.Attributes, volume.Size)), plain);

    /// <summary>Page rows as ready bytes, kept per row and selection (<see cref="RowBytes{T}"/>): what a collection GET writes.</summary>
    internal static readonly RowBytes<Volume> PageRows = new(Write);

    /// <summary>Distinct (attributes, size) pairs kept: a page of volumes made alike parses its attributes once.</summary>
    private static readonly SharedJson<(string Stored, long Size)> Shown = new(256, key =>
    {
        var attributes = new JsonObject();
        WriteAttributes(attributes, key.Stored, key.Size);
        return attributes.Set("space.size", key.Size);
    });

    private static JsonObject Core(Volume volume) => new()
    {
        ["uuid"] = volume.Uuid.ToString(),
        ["name"] = volume.Name,
        ["svm"] = SvmReference.Of(volume.SvmUuid, volume.SvmName),
        ["size"] = volume.Size,
        ["state"] = volume.State,
        ["encryption"] = Encryption(volume, new JsonObject
        {
            ["enabled"] = volume.Encrypted,
            ["type"] = volume.Encrypted ? "volume" : "none",
            ["state"] = volume.EncryptionState,
        }),
        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = Volume.Href + volume.Uuid } },
    };

    /// <summary>What POST echoes with return_records: the key fields and the new key's ID.</summary>
    public static JsonObject ToCreatedJson(this Volume volume) => new()
    {
        ["uuid"] = volume.Uuid.ToString(),
        ["name"] = volume.Name,
        ["encryption"] = Encryption(volume, new JsonObject { ["enabled"] = volume.Encrypted }),
        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = Volume.Href + volume.Uuid } },
    };

    // An unset field is absent, as in ONTAP, rather than null.
    private static JsonObject Encryption(Volume volume, JsonObject json)
    {
        if (volume.KeyId is not null)
        {
            json["key_id"] = volume.KeyId;
        }
        return json;
    }

    /// <summary>Adds the stored attributes as top-level members of <paramref name="record"/> (none of them shares a container with its other fields).</summary>
    private static void WriteAttributes(JsonObject record, string stored, long size)
    {
        var json = VolumeAttributeJson.Complete(stored);
        if (VolumeAttributeJson.At(json, "files.maximum") is null)
        {
            json.Set("files.maximum", Math.Min(size / BytesPerFile, int.MaxValue));
        }
        foreach (var (name, value) in json.ToList())
        {
            json.Remove(name);
            record[name] = value;
        }
    }
}
