using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Keyhold.Ontap.Schemas;

/// <summary>
/// The aggregate a POST names. Keyhold has no aggregates to look up, so each name's uuid is derived from it:
/// every volume on "aggr1" shows the same aggregate, and the uuid never changes.
/// </summary>
public static class VolumeAggregates
{
    private const string Path = "aggregates";

    /// <summary>[{name, uuid}] for the POST's aggregates, or null when it names none. A FlexVol lives on exactly one.</summary>
    public static JsonArray? Read(JsonObject body)
    {
        var given = body.GetArray(Path);
        if (given is null)
        {
            return null;
        }
        if (given is not [JsonObject aggregate])
        {
            throw OntapErrors.InvalidFieldValue.With(Path, given.ToJsonString(), Path);
        }
        var name = aggregate.GetString("name") ?? throw OntapErrors.MissingField.With("aggregates.name", "aggregates.name");
        if (!IsName(name))
        {
            throw OntapErrors.InvalidFieldValue.With("aggregates.name", name, "aggregates.name");
        }
        return [new JsonObject { ["name"] = name, ["uuid"] = Uuid(name).ToString() }];
    }

    /// <summary>[{name, uuid}, ...] for an SVM's aggregates (the ones it may make volumes on), or null when the body names none.</summary>
    public static JsonArray? ReadAll(JsonObject body)
    {
        var given = body.GetArray(Path);
        if (given is null)
        {
            return null;
        }
        var result = new JsonArray();
        foreach (var aggregate in given)
        {
            var name = (aggregate as JsonObject)?.GetString("name") ?? throw OntapErrors.MissingField.With("aggregates.name", "aggregates.name");
            if (!IsName(name))
            {
                throw OntapErrors.InvalidFieldValue.With("aggregates.name", name, "aggregates.name");
            }
            if (!result.Any(a => a!["name"]!.GetValue<string>() == name))
            {
                result.Add(new JsonObject { ["name"] = name, ["uuid"] = Uuid(name).ToString() });
            }
        }
        return result;
    }

    // ONTAP's aggregate names: a letter or underscore first, then letters, digits and underscores.
    private static bool IsName(string name) =>
        name.Length is > 0 and <= 255 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>An RFC 9562 version 8 (custom) uuid from a hash of the name.</summary>
    private static Guid Uuid(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("keyhold-aggregate:" + name)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
