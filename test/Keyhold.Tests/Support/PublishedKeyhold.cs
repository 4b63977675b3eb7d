using System.Diagnostics;

namespace Keyhold.Tests.Support;

/// <summary>
/// The self-contained single-file keyhold as README's `dotnet publish` makes it. ./test.sh publishes it once and names
/// it in $KEYHOLD_PUBLISHED; without that the first test that asks publishes it into a temporary folder, once per run.
/// </summary>
public static class PublishedKeyhold
{
    private static readonly Lazy<string> LazyExecutable = new(() =>
        Environment.GetEnvironmentVariable("KEYHOLD_PUBLISHED") is { Length: > 0 } published ? published : Publish());

    public static string Executable => LazyExecutable.Value;

    private static string Publish()
    {
        var output = TempDir.Create();
        var start = new ProcessStartInfo("dotnet",
            ["publish", Repository.PathOf("src", "Keyhold"), "-c", "Release", "-r", "linux-x64", "-o", output, "--disable-build-servers", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{stdout}\n{stderr.Result}");
        }
        return Path.Combine(output, "keyhold");
    }
}
