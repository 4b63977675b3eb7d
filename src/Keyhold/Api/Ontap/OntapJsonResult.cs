using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Api.Ontap;

/// <summary>A body given as a JSON tree, with any status (ONTAP bodies and error envelopes).</summary>
public sealed class OntapJsonResult : OntapBodyResult
{
    internal OntapJsonResult(JsonNode body, int status) : base(status, null) => Body = body;

    public JsonNode Body { get; }

    private protected override void WriteBody(Utf8JsonWriter writer, bool plain) => WriteTree(writer, Body, plain);
}
