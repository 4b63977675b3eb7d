using System.Text.Json;
using System.Text.Json.Nodes;
using Keyhold.Ontap.Schemas;
using Keyhold.Ontap;

namespace Keyhold.Certificates;

/// <summary>An installed certificate as the store keeps it; the private key only ever wrapped.</summary>
public sealed record StoredCertificate(
    Guid Uuid, string Name, Guid? SvmUuid, string? SvmName, CertificateType Type, string CommonName, string SerialNumber, string Ca,
    DateTimeOffset ExpiryTime, string HashFunction, int KeySize, string PublicCertificate, IReadOnlyList<string> Intermediates,
    byte[]? WrappedPrivateKey, string KeyFingerprint)
{
    public const string Collection = "/api/security/certificates";

    /// <summary>Purpose bound into the wrap of a certificate's private key.</summary>
    public const string PrivateKeyPurpose = "certificate-private-key";

    public string Scope => SvmUuid is null ? "cluster" : "svm";

    public static string Href(Guid uuid) => $"{Collection}/{uuid}";

    public static JsonObject Reference(Guid uuid) => new()
    {
        ["uuid"] = uuid.ToString(),
        ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = Href(uuid) } },
    };

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["uuid"] = Uuid.ToString(), ["name"] = Name, ["scope"] = Scope };
        if (SvmUuid is { } svm)
        {
            json["svm"] = SvmReference.Of(svm, SvmName ?? "");
        }
        json["type"] = Type.ToWire();
        json["common_name"] = CommonName;
        json["serial_number"] = SerialNumber;
        json["ca"] = Ca;
        json["hash_function"] = HashFunction;
        json["key_size"] = KeySize;
        json["expiry_time"] = ExpiryTime.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        json["public_certificate"] = PublicCertificate;
        if (Intermediates.Count > 0)
        {
            json["intermediate_certificates"] = new JsonArray(Intermediates.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        }
        json["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = Href(Uuid) } };
        return json;
    }

    public static string IntermediatesJson(IReadOnlyList<string> pems) => JsonSerializer.Serialize(pems);

    public static ResourceSchema Schema { get; } = CertificateSchema.Build();
}
