using System.Diagnostics;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

/// <summary>What one run of the keyhold binary printed and returned.</summary>
public sealed record CliResult(int Code, string Out, string Error)
{
    public JsonNode Json => JsonNode.Parse(Out)!;

    /// <summary>The table's data rows (after the dashes line), each split into its columns.</summary>
    public List<string[]> Rows()
    {
        var lines = Out.Split('\n').Select(l => l.TrimEnd()).ToList();
        var dashes = lines.FindIndex(l => l.StartsWith("---", StringComparison.Ordinal));
        Assert.True(dashes > 0, "no table in: " + Out + Error);
        return [.. lines.Skip(dashes + 1).TakeWhile(l => l.Length > 0 && !l.EndsWith("displayed.", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
    }

    public string[] Headers()
    {
        var lines = Out.Split('\n').ToList();
        var dashes = lines.FindIndex(l => l.StartsWith("---", StringComparison.Ordinal));
        return lines[dashes - 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public override string ToString() => $"exit {Code}\n{Out}\n{Error}";
}

/// <summary>
/// Runs the built keyhold binary as a child process, as an operator runs it: arguments, environment, standard input
/// (never a terminal here, so secrets are read from it), and a working folder.
/// </summary>
public static class KeyholdCli
{
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, string stdin = "", IDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "keyhold.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", dll, .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TempDir.Create(),
        };
        foreach (var name in new[] { "KEYHOLD_URL", "KEYHOLD_USER", "KEYHOLD_PASSWORD", "KEYHOLD_PASSPHRASE", "KEYHOLD_ADMIN_PASSWORD", "ASPNETCORE_URLS" })
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>A command against a running node: its URL and admin password from the environment, its tls.crt trusted.</summary>
    public static Task<CliResult> RunAsync(KeyholdProcess node, string command, string stdin = "", params string[] extra) =>
        RunAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), .. extra, "--cacert", Path.Combine(node.DataDir, "tls.crt")], stdin,
            new Dictionary<string, string?> { ["KEYHOLD_URL"] = node.Url, ["KEYHOLD_PASSWORD"] = node.Password });
}
