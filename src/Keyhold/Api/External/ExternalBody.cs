using System.Text.Json.Nodes;
using Keyhold.External;
using Keyhold.Ontap;

namespace Keyhold.Api.External;

/// <summary>
/// The external.* part of a validated key-manager body as commands. Shapes the rules judge stay visible: an absent or
/// null member is null, a reference that is not an object has neither uuid nor name, a list that is not an array is empty.
/// </summary>
public static class ExternalBody
{
    public static EnableExternal ToEnable(JsonObject body)
    {
        var external = body["external"];
        return new EnableExternal(Reference(external?["client_certificate"]), References(external?["server_ca_certificates"]),
            Servers(external?["servers"]));
    }

    public static ModifyExternal ToModify(JsonObject body)
    {
        var external = body["external"];
        return new ModifyExternal(Reference(external?["client_certificate"]), References(external?["server_ca_certificates"]));
    }

    /// <summary>records[].server of a POST /key-servers (or external.servers[].server); null for a record without it.</summary>
    public static IReadOnlyList<string?>? Servers(JsonNode? records) => records switch
    {
        null => null,
        JsonArray list => [.. list.Select(r => r is JsonObject o ? o.GetString("server") : null)],
        _ => [],
    };

    private static CertificateReference? Reference(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new CertificateReference(o.GetString("uuid"), o.GetString("name")),
        _ => new CertificateReference(null, null),
    };

    private static List<CertificateReference>? References(JsonNode? node) => node switch
    {
        null => null,
        JsonArray list => [.. list.Select(n => Reference(n) ?? new CertificateReference(null, null))],
        _ => [],
    };
}
