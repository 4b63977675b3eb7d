using System.Text.Json.Nodes;

namespace Keyhold.Ontap.Schemas;

/// <summary>ONTAP's rules for the volume attributes that are neither a choice nor a range.</summary>
public static class VolumeValues
{
    /// <summary>A junction path is absolute ("/vol1"), or "" to unmount.</summary>
    public static bool JunctionPath(JsonNode value) =>
        value.GetValue<string>() is var path && (path.Length == 0 || (path[0] == '/' && path.Length <= 255 && !path.Any(char.IsControl)));

    /// <summary>Octal permissions written as a decimal number, as ONTAP shows them: 755 for rwxr-xr-x; at most 4 digits.</summary>
    public static bool UnixPermissions(JsonNode value) =>
        JsonNumbers.TryGetInt64(value, out var mode) && mode is >= 0 and <= 7777 && mode.ToString(System.Globalization.CultureInfo.InvariantCulture).All(d => d <= '7');

    /// <summary>ONTAP's language codes: "c", "en_us", "c.utf_8", "ja_v1.utf_8" and the like.</summary>
    public static bool Language(JsonNode value) =>
        value.GetValue<string>() is var code && code.Length is > 0 and <= 32 && char.IsAsciiLetterLower(code[0])
            && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.');
}
