namespace Keyhold.Onboard;

/// <summary>
/// ONTAP's show-backup text: a 64-character BEGIN ruler, base64 in lines of 64, a 64-character END ruler,
/// '\n' line endings and a final newline. Reading is forgiving about line endings, surrounding whitespace
/// and line widths (backups get pasted through terminals and mail); the blob's checksum catches real damage.
/// </summary>
internal static class BackupArmour
{
    public const string BeginRuler = "--------------------------BEGIN BACKUP--------------------------";
    public const string EndRuler = "---------------------------END BACKUP---------------------------";
    public const int LineWidth = 64;

    /// <summary>
    /// The text in one allocation of its final size: 48 bytes of blob are exactly one 64-character line of base64, so
    /// each line is encoded on its own (a large backup is not first made into one long base64 string and then copied).
    /// </summary>
    public static string Wrap(byte[] blob)
    {
        const int BytesPerLine = LineWidth / 4 * 3;
        var base64Length = (blob.Length + 2) / 3 * 4;
        var lines = (base64Length + LineWidth - 1) / LineWidth;
        var length = BeginRuler.Length + 1 + base64Length + lines + EndRuler.Length + 1;
        return string.Create(length, blob, static (text, blob) =>
        {
            BeginRuler.AsSpan().CopyTo(text);
            var at = BeginRuler.Length;
            text[at++] = '\n';
            for (var i = 0; i < blob.Length; i += BytesPerLine)
            {
                Convert.TryToBase64Chars(blob.AsSpan(i, Math.Min(BytesPerLine, blob.Length - i)), text[at..], out var written);
                at += written;
                text[at++] = '\n';
            }
            EndRuler.AsSpan().CopyTo(text[at..]);
            text[^1] = '\n';
        });
    }

    public static byte[] Unwrap(string armoured)
    {
        ArgumentNullException.ThrowIfNull(armoured);
        if (armoured.Length > BackupLimits.MaxArmouredChars)
            throw new FormatException("The backup is too large.");

        var lines = armoured.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !IsRuler(lines[0], "BEGIN BACKUP"))
            throw new FormatException("The backup must start with the BEGIN BACKUP line.");
        if (lines.Length < 3 || !IsRuler(lines[^1], "END BACKUP"))
            throw new FormatException("The backup must end with the END BACKUP line.");

        var base64 = string.Concat(lines.AsSpan(1, lines.Length - 2));
        var blob = new byte[(base64.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(base64, blob, out var written))
            throw new FormatException("The backup body is not valid base64.");
        blob = blob.AsSpan(0, written).ToArray();
        // The decoder ignores the spare bits of the last character; re-encoding catches a flip there too.
        if (Convert.ToBase64String(blob) != base64)
            throw new FormatException("The backup body is not canonical base64.");
        return blob;
    }

    // Any run of five or more dashes either side, so the abbreviated "-----BEGIN BACKUP-----" form is read too.
    private static bool IsRuler(string line, string label) =>
        line.StartsWith("-----", StringComparison.Ordinal)
        && line.EndsWith("-----", StringComparison.Ordinal)
        && line.Trim('-') == label;
}
