using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>Reads dotted fields of a REST record as the text a table shows.</summary>
public static class Fields
{
    public static string? Text(JsonNode? record, string dotted)
    {
        var node = record;
        foreach (var part in dotted.Split('.'))
        {
            node = node?[part];
        }
        return node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonArray a => string.Join(",", a.Select(e => Text(e, "name") ?? Text(e, "server") ?? e?.ToJsonString())),
            _ => node.ToJsonString(),
        };
    }

    /// <summary>ONTAP's list arguments: "a,b,c".</summary>
    public static string[] List(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
