namespace Keyhold.Kmip.Tests;

internal static class Hex
{
    /// <summary>Parses hex that may contain spaces or '|' separators (as in the KMIP spec examples).</summary>
    public static byte[] Parse(string hex) =>
        Convert.FromHexString(new string(hex.Where(Uri.IsHexDigit).ToArray()));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
