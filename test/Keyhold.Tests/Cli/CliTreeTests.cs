using System.CommandLine;
using Keyhold.Hosting;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

/// <summary>Every command of the tree, walked in-process: --help prints its usage and runs nothing.</summary>
public sealed class CliTreeTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            foreach (var sub in command.Subcommands)
            {
                data.Add((path + " " + sub.Name).Trim());
                Walk(sub, path + " " + sub.Name);
            }
        }
        Walk(CommandLine.Root(new Keyhold.Cli.CliIo(TextReader.Null, TextWriter.Null, TextWriter.Null, _ => null, false)), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_on_every_command_prints_usage_and_runs_nothing(string command)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // An environment that would reach a node if the command ran: --help must not use it.
        var io = new Keyhold.Cli.CliIo(new StringReader("secret\n"), stdout, stderr, name => name == "KEYHOLD_URL" ? "https://127.0.0.1:1" : null, false);

        var code = await CommandLine.Root(io).Parse([.. command.Split(' '), "--help"]).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });

        Assert.Equal(0, code);
        Assert.Contains("Usage:", stdout.ToString());
        Assert.Contains(command, stdout.ToString());  // the usage line names the command (the root is named after the host process here)
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public async Task A_client_certificate_needs_its_key()
    {
        var result = await KeyholdCli.RunAsync(["vserver", "show", "--cert", Path.Combine(TempDir.Create(), "c.pem")], "", new Dictionary<string, string?> { ["KEYHOLD_PASSWORD"] = "x" });

        Assert.Equal(2, result.Code);
        Assert.Equal("Error: --cert and --key go together.\n", result.Error);
    }
}
