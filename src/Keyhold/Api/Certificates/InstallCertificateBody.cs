using System.Text.Json.Nodes;
using Keyhold.Certificates;
using Keyhold.Ontap;

namespace Keyhold.Api.Certificates;

/// <summary>Turns a validated POST body into <see cref="InstallCertificate"/>; the type is checked first, as before any other rule.</summary>
public static class InstallCertificateBody
{
    public static InstallCertificate ToCommand(JsonObject body)
    {
        var typeText = body.GetString("type") ?? throw new OntapException(OntapErrors.MissingField, "type", "type");
        if (!CertificateTypes.TryParse(typeText, out var type))
        {
            throw new OntapException(OntapErrors.InvalidFieldValue, "type", typeText, "type");
        }
        return new InstallCertificate(type)
        {
            Name = body.GetString("name"),
            Scope = body.GetString("scope"),
            SvmUuid = body.GetString("svm.uuid"),
            SvmName = body.GetString("svm.name"),
            PublicCertificate = body.GetString("public_certificate"),
            PrivateKey = body.GetString("private_key"),
            Intermediates = body["intermediate_certificates"] is JsonArray list ? [.. list.Select(i => i?.GetValue<string>() ?? "")] : null,
            CommonName = body.GetString("common_name"),
            ExpiryTime = body.GetString("expiry_time"),
            KeySize = body.GetInt("key_size"),
            HashFunction = body.GetString("hash_function"),
        };
    }
}
