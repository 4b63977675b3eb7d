using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Keyhold.Tests.Kmip.Conformance;

/// <summary>
/// One OASIS KMIP test case file: a conversation of request/response message pairs in KMIP's XML encoding.
/// Its profile (SKLC, SKFF, ...) and number come from the file name, in either OASIS spelling (SKLC-M-1-14.xml,
/// SKLC_M_1_10_SymmetricKeyLifecycle_1.xml).
/// </summary>
public sealed partial record VectorFile(string Path, string Version, string Profile, bool Mandatory, int Number, IReadOnlyList<(XElement Request, XElement Response)> Exchanges)
{
    public static string Root => Support.Repository.PathOf("test", "kmip-vectors");

    public string Name => $"{Version}/{System.IO.Path.GetFileNameWithoutExtension(Path)}";

    public static VectorFile Load(string path)
    {
        XElement[] messages = XDocument.Load(path).Root!.Elements().ToArray();
        var exchanges = new List<(XElement, XElement)>();
        for (int i = 0; i + 1 < messages.Length; i += 2)
        {
            if (messages[i].Name.LocalName != "RequestMessage" || messages[i + 1].Name.LocalName != "ResponseMessage")
            {
                throw new InvalidDataException($"{path}: message {i} is not a request followed by its response.");
            }
            exchanges.Add((messages[i], messages[i + 1]));
        }
        Match m = NamePattern().Match(System.IO.Path.GetFileName(path));
        if (!m.Success)
        {
            throw new InvalidDataException($"{path}: not a profile test case name.");
        }
        string version = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path))!;
        return new VectorFile(path, version, m.Groups[1].Value, m.Groups[2].Value == "M", int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), exchanges);
    }

    /// <summary>Files of one folder, grouped by profile, each profile's files in their numbered order.</summary>
    public static IReadOnlyList<IReadOnlyList<VectorFile>> Profiles(string folder, Func<VectorFile, bool>? which = null) =>
        Directory.EnumerateFiles(folder, "*.xml")
            .Select(Load)
            .Where(which ?? (_ => true))
            .GroupBy(f => f.Profile)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<VectorFile>)g.OrderBy(f => f.Mandatory ? 0 : 1).ThenBy(f => f.Number).ToList())
            .ToList();

    [GeneratedRegex(@"^([A-Z]+)[-_]([MO])[-_](\d+)[-_]")]
    private static partial Regex NamePattern();
}
