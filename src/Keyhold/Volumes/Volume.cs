using System.Text.Json.Nodes;
using Keyhold.Ontap;
using Keyhold.Cluster;

namespace Keyhold.Volumes;

/// <summary>A volume: the consumer of one VEK when encrypted (<see cref="KeyId"/> set), of none otherwise.</summary>
/// <param name="Attributes">The stored-only ONTAP fields as JSON text (<see cref="VolumeAttributes"/>).</param>
public sealed record Volume(Guid Uuid, Guid SvmUuid, string SvmName, string Name, long Size, string State, string EncryptionState, string? KeyId,
    string Attributes = "{}")
{
    public const string Href = "/api/storage/volumes/";

    public bool Encrypted => KeyId is not null;

    public JsonObject ToJson()
    {
        var record = new JsonObject
        {
            ["uuid"] = Uuid.ToString(),
            ["name"] = Name,
            ["svm"] = new Svm(SvmUuid, SvmName, "running").ToReference(),
            ["size"] = Size,
            ["state"] = State,
            ["encryption"] = Encryption(new JsonObject
            {
                ["enabled"] = Encrypted,
                ["type"] = Encrypted ? "volume" : "none",
                ["state"] = EncryptionState,
            }),
            ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = Href + Uuid } },
        };
        VolumeAttributeView.WriteTo(record, Attributes, Size);
        return record.Set("space.size", Size);
    }

    /// <summary>What POST echoes with return_records: the key fields and the new key's ID.</summary>
    public JsonObject ToCreatedJson() => new()
    {
        ["uuid"] = Uuid.ToString(),
        ["name"] = Name,
        ["encryption"] = Encryption(new JsonObject { ["enabled"] = Encrypted }),
        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = Href + Uuid } },
    };

    // An unset field is absent, as in ONTAP, rather than null.
    private JsonObject Encryption(JsonObject json)
    {
        if (KeyId is not null)
        {
            json["key_id"] = KeyId;
        }
        return json;
    }
}
