using System.Text.Json.Nodes;
using Keyhold.Cluster;

namespace Keyhold.Volumes;

/// <summary>A volume: the consumer of one VEK when encrypted (<see cref="KeyId"/> set), of none otherwise.</summary>
public sealed record Volume(Guid Uuid, Guid SvmUuid, string SvmName, string Name, long Size, string State, string EncryptionState, string? KeyId)
{
    public const string Href = "/api/storage/volumes/";

    public bool Encrypted => KeyId is not null;

    public JsonObject ToJson() => new()
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
