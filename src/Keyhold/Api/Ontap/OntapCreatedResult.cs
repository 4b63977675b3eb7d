using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keyhold.Api.Ontap;

/// <summary>201 with a Location header: <c>{}</c>, or with <c>return_records=true</c> <c>{"num_records":1,"records":[...]}</c>.</summary>
public sealed class OntapCreatedResult : OntapBodyResult
{
    internal OntapCreatedResult(string location, JsonObject body) : base(StatusCodes.Status201Created, location) =>
        (Location, Body) = (location, body);

    public string Location { get; }

    public JsonObject Body { get; }

    private protected override void WriteBody(Utf8JsonWriter writer, bool plain) => WriteTree(writer, Body, plain);
}
