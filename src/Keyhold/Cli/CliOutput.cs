using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Keyhold.Cli;

/// <summary>What a command prints: an ONTAP-like table for people, or with --json the REST records for scripts.</summary>
public sealed class CliOutput(CliIo io, bool json)
{
    /// <summary>ONTAP's words for an empty answer.</summary>
    public const string NoEntries = "There are no entries matching your query.";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public bool Json => json;

    public void Table(IReadOnlyList<JsonObject> records, string[] headers, Func<JsonObject, IEnumerable<string?>> row) =>
        Table(records, headers, records.Select(r => row(r).ToArray()).ToList());

    /// <summary>Rows computed by the caller (one record can make several rows, as in show-status).</summary>
    public void Table(IReadOnlyList<JsonObject> records, string[] headers, IReadOnlyList<string?[]> rows)
    {
        if (json)
        {
            WriteJson(new JsonObject
            {
                ["records"] = new JsonArray([.. records.Select(r => r.DeepClone())]),
                ["num_records"] = records.Count,
            });
            return;
        }
        if (rows.Count == 0)
        {
            io.Out.WriteLine(NoEntries);
            return;
        }
        var table = new Table { Border = OntapTableBorder.Instance, ShowHeaders = true };
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)) { Padding = new Padding(0, 0, 0, 0), NoWrap = true });
        }
        foreach (var cells in rows)
        {
            table.AddRow([.. cells.Select(c => new Text(string.IsNullOrEmpty(c) ? "-" : c))]);
        }
        Console().Write(table);
        io.Out.WriteLine($"{rows.Count} entr{(rows.Count == 1 ? "y was" : "ies were")} displayed.");
    }

    /// <summary>A write that succeeded: a line for people, the node's answer (or {}) for scripts.</summary>
    public void Done(string message, JsonNode? answer)
    {
        if (json)
        {
            WriteJson(answer ?? new JsonObject());
        }
        else
        {
            io.Out.WriteLine(message);
        }
    }

    /// <summary>Plain text (a key backup): printed as is, or the record for scripts.</summary>
    public void Text(string text, JsonNode record)
    {
        if (json)
        {
            WriteJson(record);
        }
        else
        {
            io.Out.Write(text.EndsWith('\n') ? text : text + "\n");
        }
    }

    private void WriteJson(JsonNode node) => io.Out.WriteLine(node.ToJsonString(Indented));

    /// <summary>Wide and plain when redirected, so scripts and logs get whole lines without escape codes.</summary>
    private IAnsiConsole Console()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(io.Out),
        });
        if (!console.Profile.Out.IsTerminal)
        {
            console.Profile.Width = 512;
        }
        console.Profile.Capabilities.Unicode = false;
        return console;
    }
}
