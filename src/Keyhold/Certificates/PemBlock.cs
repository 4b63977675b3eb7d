using System.Security.Cryptography;

namespace Keyhold.Certificates;

/// <summary>One decoded PEM block: its label and DER bytes.</summary>
internal sealed record PemBlock(string Label, byte[] Der)
{
    /// <summary>
    /// Every well-formed PEM block in <paramref name="text"/>, in order. Text between blocks is ignored,
    /// as openssl does, so pasted bundles with "subject=" lines still work.
    /// </summary>
    public static List<PemBlock> FindAll(string? text)
    {
        var blocks = new List<PemBlock>();
        var rest = (text ?? string.Empty).AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var der = new byte[fields.DecodedDataLength];
            if (Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written))
                blocks.Add(new PemBlock(label, der[..written]));
            rest = rest[fields.Location.End..];
        }

        return blocks;
    }
}
