using System.CommandLine;

namespace Keyhold.Cli;

/// <summary>`job show`.</summary>
public static class JobCommands
{
    public static Command Show(CliOptions options, CliIo io)
    {
        var id = Remote.Option<string?>("id", "Show only this job (its uuid)");
        var state = Remote.Option<string?>("state", "Show only jobs in this state: queued, running, success, failure");
        var command = new Command("show", "Show the cluster's jobs") { id, state };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var records = await client.RecordsAsync("/api/cluster/jobs", ("fields", "*"), ("uuid", parse.GetValue(id)), ("state", parse.GetValue(state)));
            output.Table(records, ["Job ID", "Description", "State", "Code", "Message", "Start Time", "End Time"], j =>
            [
                Fields.Text(j, "uuid"),
                Fields.Text(j, "description"),
                Fields.Text(j, "state"),
                Fields.Text(j, "code"),
                Fields.Text(j, "message"),
                Fields.Text(j, "start_time"),
                Fields.Text(j, "end_time"),
            ]);
        });
    }
}
