using System.Text.Json.Nodes;
using Keyhold.Certificates;
using Keyhold.Ontap;

namespace Keyhold.Api.Certificates;

/// <summary>The ONTAP record of an installed certificate, and the {uuid,_links} reference other records embed.</summary>
public static class CertificateJson
{
    public const string Collection = "/api/security/certificates";

    public static string Href(Guid uuid) => $"{Collection}/{uuid}";

    public static JsonObject Reference(Guid uuid) => new()
    {
        ["uuid"] = uuid.ToString(),
        ["_links"] = OntapLinks.Self(Href(uuid)),
    };

    /// <summary>Every readable field; the private key (wrapped or not) is never part of it.</summary>
    public static JsonObject ToJson(StoredCertificate cert)
    {
        var json = new JsonObject { ["uuid"] = cert.Uuid.ToString(), ["name"] = cert.Name, ["scope"] = cert.Scope };
        if (cert.SvmUuid is { } svm)
        {
            json["svm"] = SvmReference.Of(svm, cert.SvmName ?? "");
        }
        json["type"] = cert.Type.ToWire();
        json["common_name"] = cert.CommonName;
        json["serial_number"] = cert.SerialNumber;
        json["ca"] = cert.Ca;
        json["hash_function"] = cert.HashFunction;
        json["key_size"] = cert.KeySize;
        json["expiry_time"] = cert.ExpiryTime.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        json["public_certificate"] = cert.PublicCertificate;
        if (cert.Intermediates.Count > 0)
        {
            json["intermediate_certificates"] = new JsonArray([.. cert.Intermediates.Select(i => (JsonNode?)JsonValue.Create(i))]);
        }
        json["_links"] = OntapLinks.Self(Href(cert.Uuid));
        return json;
    }
}
