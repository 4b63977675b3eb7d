using System.Collections.Frozen;

namespace Keyhold.Kmip.Xml;

/// <summary>
/// The names KMIP's XML encoding uses for tags, enumeration values and mask bits (the OASIS test cases write
/// <c>&lt;ObjectType type="Enumeration" value="SymmetricKey"/&gt;</c>). The 1.0–1.4 tables are generated; KMIP 2.0's
/// few structure tags that the 1.x tables lack are listed here.
/// </summary>
public static partial class KmipNames
{
    private static readonly (string Name, int Tag)[] Kmip20Tags =
    [
        ("Attributes", 0x420125),
        ("CommonAttributes", 0x420126),
        ("PrivateKeyAttributes", 0x420127),
        ("PublicKeyAttributes", 0x420128),
        ("AttributeReference", 0x42013B),
        ("CurrentAttribute", 0x42013C),
        ("NewAttribute", 0x42013D),
    ];

    public static bool TryGetTag(string name, out int tag) => Index.TagsByName.TryGetValue(name, out tag);

    public static string? TagName(int tag) => Index.NamesByTag.GetValueOrDefault(tag);

    /// <summary>The tag a KMIP 1.x attribute name stands for ("Cryptographic Algorithm" → CryptographicAlgorithm).</summary>
    public static int? TagOfAttribute(string attributeName)
    {
        string compact = attributeName.Replace(" ", "", StringComparison.Ordinal);
        return Index.TagsByName.TryGetValue(compact, out int tag) ? tag : null;
    }

    public static bool TryGetEnumValue(int tag, string name, out uint value)
    {
        value = 0;
        return Index.EnumValuesByName.TryGetValue(tag, out var values) && values.TryGetValue(name, out value);
    }

    public static string? EnumName(int tag, uint value) =>
        Index.EnumNamesByValue.TryGetValue(tag, out var names) ? names.GetValueOrDefault(value) : null;

    public static bool IsMask(int tag) => Index.MaskBits.ContainsKey(tag);

    /// <summary>Mask bits by name, bit 0 first; null when the tag is not a mask.</summary>
    public static string[]? MaskBitNames(int tag) => Index.MaskBits.GetValueOrDefault(tag);

    /// <summary>Built on first use, after the generated tables of the other part are initialised (partial parts have no order).</summary>
    private static class Index
    {
        public static readonly FrozenDictionary<string, int> TagsByName =
            GeneratedTags.Concat(Kmip20Tags).ToFrozenDictionary(t => t.Name, t => t.Tag, StringComparer.Ordinal);

        public static readonly FrozenDictionary<int, string> NamesByTag =
            GeneratedTags.Concat(Kmip20Tags).GroupBy(t => t.Tag).ToFrozenDictionary(g => g.Key, g => g.First().Name);

        public static readonly FrozenDictionary<int, FrozenDictionary<string, uint>> EnumValuesByName =
            GeneratedEnums.ToFrozenDictionary(e => e.Tag, e => e.Values.ToFrozenDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));

        public static readonly FrozenDictionary<int, FrozenDictionary<uint, string>> EnumNamesByValue =
            GeneratedEnums.ToFrozenDictionary(e => e.Tag, e => e.Values.GroupBy(v => v.Value).ToFrozenDictionary(g => g.Key, g => g.First().Name));

        public static readonly FrozenDictionary<int, string[]> MaskBits = GeneratedMasks.ToFrozenDictionary(m => m.Tag, m => m.Bits);
    }
}
