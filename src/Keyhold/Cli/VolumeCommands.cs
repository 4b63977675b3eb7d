using System.CommandLine;

namespace Keyhold.Cli;

/// <summary>
/// `volume show [-vserver V] [-volume N] [-fields f1,f2]`. With -fields, as in ONTAP, the columns are vserver, volume
/// and the named fields; ONTAP's CLI names map to REST fields, and any other name is passed as a REST field name.
/// </summary>
public static class VolumeCommands
{
    /// <summary>ONTAP CLI field names and the REST fields that hold them.</summary>
    private static readonly Dictionary<string, string> CliFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["vserver"] = "svm.name",
        ["volume"] = "name",
        ["uuid"] = "uuid",
        ["instance-uuid"] = "uuid",
        ["size"] = "size",
        ["state"] = "state",
        ["type"] = "type",
        ["encrypt"] = "encryption.enabled",
        ["encryption-state"] = "encryption.state",
        ["encryption-type"] = "encryption.type",
        ["key-id"] = "encryption.key_id",
        ["encryption-key-id"] = "encryption.key_id",
    };

    private static readonly string[] Default = ["state", "type", "size", "encrypt", "encryption-state"];

    public static Command Show(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "Show only this Vserver's volumes");
        var volume = Remote.Option<string?>("volume", "Show only this volume (wildcards as in ONTAP: vol*)");
        var fields = Remote.Option<string?>("fields", "Fields to show, comma-separated: " + string.Join(", ", CliFields.Keys));
        var command = new Command("show", "Show volumes") { vserver, volume, fields };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var named = parse.GetValue(fields) is { } list ? Fields.List(list).Where(f => f is not ("vserver" or "volume")).ToArray() : Default;
            var rest = named.Select(Rest).ToArray();
            var records = await client.RecordsAsync("/api/storage/volumes", ("fields", string.Join(",", ["name", "svm.name", .. rest])),
                ("svm.name", parse.GetValue(vserver)), ("name", parse.GetValue(volume)));
            output.Table(records, ["vserver", "volume", .. named], v =>
                [Fields.Text(v, "svm.name"), Fields.Text(v, "name"), .. rest.Select(r => Fields.Text(v, r))]);
        });
    }

    /// <summary>An ONTAP CLI name, or a REST name given as is (hyphens as ONTAP's CLI writes them).</summary>
    private static string Rest(string field) => CliFields.TryGetValue(field, out var rest) ? rest : field.Replace('-', '_');
}
