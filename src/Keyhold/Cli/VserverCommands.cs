using System.CommandLine;

namespace Keyhold.Cli;

/// <summary>`vserver show`.</summary>
public static class VserverCommands
{
    public static Command Show(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "Show only this Vserver (wildcards as in ONTAP: vs*)");
        var command = new Command("show", "Show the Vservers (SVMs)") { vserver };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var records = await client.RecordsAsync("/api/svm/svms", ("fields", "name,state"), ("name", parse.GetValue(vserver)));
            output.Table(records, ["Vserver", "Type", "Admin State", "UUID"], s =>
                [Fields.Text(s, "name"), "data", Fields.Text(s, "state"), Fields.Text(s, "uuid")]);
        });
    }
}
