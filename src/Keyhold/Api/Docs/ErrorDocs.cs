using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Api.Docs;

/// <summary>The error envelope and every code of <see cref="OntapErrorTable"/>, for the document.</summary>
public static class ErrorDocs
{
    /// <summary><c>{"error":{"message","code","target"}}</c>, with every code the service can send.</summary>
    public static JsonObject Schema() => new()
    {
        ["type"] = "object",
        ["description"] = "ONTAP's error envelope. The codes and messages are listed in the API description (Errors) and in `x-ontap-errors`.",
        ["required"] = new JsonArray { "error" },
        ["properties"] = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray { "message", "code" },
                ["properties"] = new JsonObject
                {
                    ["message"] = new JsonObject { ["type"] = "string" },
                    ["code"] = new JsonObject
                    {
                        ["type"] = "string",
                        ["description"] = "ONTAP error code, as a string.",
                        ["enum"] = Codes(),
                    },
                    ["target"] = new JsonObject { ["type"] = "string", ["description"] = "The field or parameter at fault, when there is one." },
                },
            },
        },
    };

    // Filled by Add rather than a params span: the span form compiles to inline-array helpers without a namespace,
    // which the architecture test's loader cannot place.
    private static JsonArray Codes()
    {
        var codes = new JsonArray();
        foreach (var code in OntapErrorTable.All.Select(e => e.Error.Code).Distinct())
        {
            codes.Add(code);
        }
        return codes;
    }

    public static JsonObject Response() => new()
    {
        ["description"] = "An error: 4xx for bad input, authentication or an unknown record, with the ONTAP code; 5xx only for a failure of the service.",
        ["content"] = OpenApiContent.Json(new JsonObject { ["$ref"] = OpenApiRefs.Schema(OpenApiRefs.ErrorSchema) }),
    };

    /// <summary>Machine-readable table (an <c>x-</c> extension at the document's top).</summary>
    public static JsonArray Table()
    {
        var table = new JsonArray();
        foreach (var e in OntapErrorTable.All)
        {
            table.Add(new JsonObject
            {
                ["name"] = e.Name,
                ["status"] = e.Error.Status,
                ["code"] = e.Error.Code,
                ["message"] = e.Error.Message,
            });
        }
        return table;
    }

    /// <summary>The same table in Markdown, for the interactive page.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder("| HTTP | code | message | name |\n|---|---|---|---|\n");
        foreach (var e in OntapErrorTable.All)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {e.Error.Status} | {e.Error.Code} | {Cell(e.Error.Message)} | {e.Name} |\n");
        }
        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
