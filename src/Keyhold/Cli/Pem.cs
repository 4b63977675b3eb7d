using System.Text.RegularExpressions;

namespace Keyhold.Cli;

/// <summary>Splits pasted text into its PEM blocks, whatever surrounds them.</summary>
public static partial class Pem
{
    public static List<(string Label, string Text)> Blocks(string text) =>
        [.. Block().Matches(text).Select(m => (m.Groups["label"].Value, m.Value.Replace("\r", "", StringComparison.Ordinal) + "\n"))];

    [GeneratedRegex(@"-----BEGIN (?<label>[A-Z0-9 ]+)-----[\s\S]*?-----END \k<label>-----")]
    private static partial Regex Block();
}
