using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Api.Ontap;

/// <summary>200 of a PATCH or DELETE: <c>{}</c>, or <c>{"num_records":N}</c> for one on a query.</summary>
public sealed class OntapOkResult : OntapBodyResult
{
    internal OntapOkResult(JsonObject body) : base(StatusCodes.Status200OK, null) => Body = body;

    public JsonObject Body { get; }

    private protected override void WriteBody(Utf8JsonWriter writer, bool plain) => WriteTree(writer, Body, plain);
}
