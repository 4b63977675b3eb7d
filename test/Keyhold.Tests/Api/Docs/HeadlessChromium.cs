using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Keyhold.Tests.Api.Docs;

/// <summary>
/// Debian's chromium, headless, dumping the DOM after the page's scripts ran. It runs with every background
/// fetch switched off and the machine has no internet, so what renders came from the service itself.
/// </summary>
internal static partial class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>Skips when chromium is absent, and fails instead when KEYHOLD_REQUIRE_CHROMIUM=1 (CI installs it).</summary>
    public static void RequireOrSkip()
    {
        if (File.Exists(Executable))
        {
            return;
        }
        Assert.True(Environment.GetEnvironmentVariable("KEYHOLD_REQUIRE_CHROMIUM") != "1", $"{Executable} is required (KEYHOLD_REQUIRE_CHROMIUM=1) but not installed");
        Skip.If(true, $"{Executable} is not installed (apt-get install chromium)");
    }

    /// <summary>The DOM of <paramref name="url"/> after 15 s of virtual time.</summary>
    public static async Task<string> DumpDomAsync(string url)
    {
        var profile = Path.Combine(Path.GetTempPath(), "keyhold-tests", "chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(Executable,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--ignore-certificate-errors", $"--user-data-dir={profile}", "--virtual-time-budget=15000",
                "--dump-dom", url,
            ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var chromium = Process.Start(start)!;
            var dom = chromium.StandardOutput.ReadToEndAsync();
            var errors = chromium.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            try
            {
                await chromium.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                chromium.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish in 120 s:\n" + await errors);
            }
            Assert.True(chromium.ExitCode == 0, $"chromium exited {chromium.ExitCode}:\n{await errors}");
            return await dom;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    /// <summary>The text a reader sees: scripts, styles and tags removed, whitespace collapsed.</summary>
    public static string VisibleText(string dom)
    {
        var text = Scripts().Replace(dom, " ");
        text = Tags().Replace(text, " ");
        return Spaces().Replace(System.Net.WebUtility.HtmlDecode(text), " ");
    }

    /// <summary>Scripts and stylesheets loaded from anywhere but the page's own origin.</summary>
    public static IReadOnlyList<string> ForeignAssets(string dom, string origin) =>
        [.. Assets().Matches(dom).Select(m => m.Groups["url"].Value).Where(u => !u.StartsWith(origin, StringComparison.Ordinal))];

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Scripts();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"<(?:script|link|img)\b[^>]*?\b(?:src|href)=""(?<url>(?:https?:)?//[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex Assets();
}
