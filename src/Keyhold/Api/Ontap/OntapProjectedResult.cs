using System.Text.Json;
using System.Text.Json.Nodes;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>
/// A GET body of full records written through a <see cref="FieldSelection"/> (<see cref="FieldSelection.WriteProjected"/>):
/// the same bytes as projecting each record into a new tree and writing that, without the copies.
/// </summary>
public sealed class OntapProjectedResult : OntapBodyResult
{
    private readonly FieldSelection selection;
    private readonly JsonObject? record;
    private readonly IReadOnlyList<JsonObject>? records;
    private readonly int numRecords;
    private readonly JsonObject? links;

    private OntapProjectedResult(FieldSelection selection, JsonObject? record, IReadOnlyList<JsonObject>? records, int numRecords, JsonObject? links)
        : base(StatusCodes.Status200OK, null)
    {
        this.selection = selection;
        this.record = record;
        this.records = records;
        this.numRecords = numRecords;
        this.links = links;
    }

    /// <summary>One record as the whole body.</summary>
    internal static OntapProjectedResult Instance(FieldSelection selection, JsonObject record) => new(selection, record, null, 0, null);

    /// <summary><c>{"records":[...],"num_records":N,"_links":{...}}</c>; <paramref name="records"/> null leaves <c>records</c> out.</summary>
    internal static OntapProjectedResult Page(FieldSelection selection, IReadOnlyList<JsonObject>? records, int numRecords, JsonObject links) =>
        new(selection, null, records, numRecords, links);

    private protected override void WriteBody(Utf8JsonWriter writer, bool plain)
    {
        if (record is not null)
        {
            selection.WriteProjected(writer, record, plain, root: true);
            return;
        }

        writer.WriteStartObject();
        if (records is not null)
        {
            writer.WriteStartArray("records");
            foreach (var r in records)
                selection.WriteProjected(writer, r, plain, root: false);
            writer.WriteEndArray();
        }

        writer.WriteNumber("num_records", numRecords);
        if (!plain)
        {
            writer.WritePropertyName("_links");
            links!.WriteTo(writer);
        }
        else if (links!.TryGetPropertyValue("next", out var next))
        {
            writer.WriteStartObject("_links");
            writer.WritePropertyName("next");
            PlainJsonWriter.WriteNode(writer, next);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
