using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Tests.Ontap;

/// <summary>Writing a projection straight from the full record gives the bytes of projecting it into a tree and writing that.</summary>
public class ProjectedWriteTests
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static readonly TheoryData<string?> FieldValues =
    [
        null, "", "*", "**", "name", "uuid", "_links", "svm", "svm.name", "svm.uuid,svm._links", "tags", "servers",
        "servers.server", "servers.connectivity", "servers.connectivity.state", "*,servers.connectivity", "status",
        "status.message", "onboard", "onboard.enabled", "comment,tags,servers", "_links,servers._links,name", "label,status.code",
    ];

    private static IEnumerable<JsonObject> Records()
    {
        foreach (var row in Widgets.Seed(12))
            yield return Widgets.Record(row);
        // Unknown properties, nulls in arrays and objects, nested arrays, containers holding only links or nothing selected.
        yield return new JsonObject
        {
            ["uuid"] = "u1",
            ["stray"] = new JsonObject { ["a"] = 1, ["_links"] = OntapLinks.Self("/x") },
            ["svm"] = new JsonObject { ["extra"] = new JsonObject { ["deep"] = null, ["_links"] = OntapLinks.Self("/y") }, ["name"] = null, ["_links"] = OntapLinks.Self("/s") },
            ["tags"] = new JsonArray("a", null, new JsonArray(1, 2), new JsonObject { ["k"] = "v" }),
            ["servers"] = new JsonArray(new JsonObject { ["_links"] = OntapLinks.Self("/only-links") }, null, new JsonObject { ["server"] = "s", ["other"] = true }),
            ["status"] = new JsonObject(),
            ["onboard"] = new JsonObject { ["passphrase"] = "p" },
            ["comment"] = "quote \" and <html> & ünïcode",
            ["_links"] = new JsonObject { ["self"] = OntapLinks.Href("/api/test/widgets/u1"), ["next"] = OntapLinks.Href("/api/test/widgets?start=1") },
        };
        yield return new JsonObject { ["stray"] = 1 };
        yield return [];
        yield return new JsonObject { ["svm"] = new JsonObject { ["_links"] = OntapLinks.Self("/s") }, ["tags"] = new JsonArray(), ["servers"] = new JsonArray() };
    }

    [Theory]
    [MemberData(nameof(FieldValues))]
    public void Same_bytes_as_project_then_write(string? fields)
    {
        var selection = FieldSelection.Parse(fields, Widgets.Schema);
        foreach (var record in Records())
        {
            var before = record.ToJsonString();
            foreach (var plain in new[] { false, true })
            {
                var tree = selection.Project(record);
                Assert.Equal(
                    Write(w => { if (plain) PlainJsonWriter.Write(w, tree); else tree.WriteTo(w); }),
                    Write(w => selection.WriteProjected(w, record, plain, root: true)));
                Assert.Equal(
                    Write(w => { w.WriteStartArray(); if (plain) PlainJsonWriter.WriteNode(w, tree); else tree.WriteTo(w); w.WriteEndArray(); }),
                    Write(w => { w.WriteStartArray(); selection.WriteProjected(w, record, plain, root: false); w.WriteEndArray(); }));
            }

            Assert.Equal(before, record.ToJsonString()); // only read
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
            write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
