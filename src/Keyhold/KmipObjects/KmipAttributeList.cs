using System.Buffers.Binary;
using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using Names = Keyhold.Kmip.Server.KmipAttributeNames;

namespace Keyhold.KmipObjects;

/// <summary>
/// The attributes of one object, in the order they were set, with typed helpers for the ones the server maintains.
/// Stored as TTLV (a list of 1.x Attribute structures with their indexes), so every value round-trips byte for byte.
/// </summary>
public sealed class KmipAttributeList
{
    private readonly List<KmipAttribute> items;

    public KmipAttributeList(IEnumerable<KmipAttribute>? items = null)
    {
        this.items = [.. items ?? []];
    }

    public IReadOnlyList<KmipAttribute> Items => items;

    public KmipAttributeList Copy() => new(items);

    public IEnumerable<KmipAttribute> All(string name) => items.Where(a => a.Name == name);

    public KmipAttribute? Find(string name, int index = 0) => items.FirstOrDefault(a => a.Name == name && a.Index == index);

    public bool Has(string name) => items.Any(a => a.Name == name);

    /// <summary>Adds an instance with the next free index of its name.</summary>
    public KmipAttribute Add(string name, TtlvType type, byte[] value)
    {
        int index = items.Where(a => a.Name == name).Select(a => a.Index + 1).DefaultIfEmpty(0).Max();
        var attribute = new KmipAttribute(name, index, type, value);
        items.Add(attribute);
        return attribute;
    }

    /// <summary>Replaces instance <paramref name="index"/> (or adds it when absent), keeping its place in the order.</summary>
    public KmipAttribute Set(string name, TtlvType type, byte[] value, int index = 0)
    {
        var attribute = new KmipAttribute(name, index, type, value);
        int at = items.FindIndex(a => a.Name == name && a.Index == index);
        if (at >= 0)
        {
            items[at] = attribute;
        }
        else
        {
            items.Add(attribute);
        }

        return attribute;
    }

    public KmipAttribute? Remove(string name, int index)
    {
        int at = items.FindIndex(a => a.Name == name && a.Index == index);
        if (at < 0)
        {
            return null;
        }

        KmipAttribute removed = items[at];
        items.RemoveAt(at);
        return removed;
    }

    public void SetEnum(string name, uint value) => Set(name, TtlvType.Enumeration, BigEndian32(value));

    public void SetInt(string name, int value) => Set(name, TtlvType.Integer, BigEndian32((uint)value));

    public void SetBool(string name, bool value) => Set(name, TtlvType.Boolean, BigEndian64(value ? 1UL : 0UL));

    public void SetDate(string name, DateTimeOffset value) => Set(name, TtlvType.DateTime, BigEndian64((ulong)value.ToUnixTimeSeconds()));

    public void SetText(string name, string value) => Set(name, TtlvType.TextString, System.Text.Encoding.UTF8.GetBytes(value));

    public void SetInterval(string name, uint seconds) => Set(name, TtlvType.Interval, BigEndian32(seconds));

    public void SetStructure(string name, Action<TtlvWriter> children)
    {
        using var w = new TtlvWriter(64);
        w.BeginStructure(KmipTag.AttributeValue);
        children(w);
        w.EndStructure();
        Set(name, TtlvType.Structure, w.WrittenSpan[8..].ToArray());
    }

    public uint? Enum(string name) => Find(name) is { Type: TtlvType.Enumeration } a ? BinaryPrimitives.ReadUInt32BigEndian(a.Value) : null;

    public int? Int(string name) => Find(name) is { Type: TtlvType.Integer } a ? BinaryPrimitives.ReadInt32BigEndian(a.Value) : null;

    public string? FirstName() =>
        Find(Names.Name) is { Type: TtlvType.Structure } a ? a.ValueElement().Find(KmipTag.NameValue)?.GetText() : null;

    /// <summary>
    /// The order attributes are answered in when the client names none: custom attributes as set, then the identifying
    /// four, then the other standard attributes by name (the order of the OASIS profile test cases).
    /// </summary>
    public IEnumerable<KmipAttribute> InAnswerOrder()
    {
        string[] first = [Names.UniqueIdentifier, Names.ObjectType, Names.CryptographicAlgorithm, Names.CryptographicLength];
        return items.Where(a => !Names.IsStandard(a.Name))
            .Concat(first.SelectMany(All))
            .Concat(items.Where(a => Names.IsStandard(a.Name) && !first.Contains(a.Name))
                .OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Index));
    }

    /// <summary>
    /// The names Get Attribute List answers, once each: as <see cref="InAnswerOrder"/>, except that with
    /// <paramref name="customByName"/> custom attributes come sorted by name (the OASIS Tape Library case TL-M-3 expects
    /// that of KMIP 1.4's list, and the order they were set in of 1.0's and 1.3's).
    /// </summary>
    public IEnumerable<string> InListOrder(bool customByName)
    {
        var names = InAnswerOrder().Select(a => a.Name).Distinct().ToList();
        var custom = names.Where(n => !Names.IsStandard(n));
        return (customByName ? custom.Order(StringComparer.Ordinal) : custom).Concat(names.Where(Names.IsStandard));
    }

    public byte[] Encode()
    {
        using var w = new TtlvWriter(512);
        w.BeginStructure(KmipTag.TemplateAttribute);
        foreach (KmipAttribute attribute in items)
        {
            attribute.Write(w, ProtocolVersion.V1_4, withIndex: true);
        }

        w.EndStructure();
        return w.ToArray();
    }

    public static KmipAttributeList Decode(byte[] encoded) =>
        new(TtlvElement.Parse(encoded).FindAll(KmipTag.Attribute).Select(a => KmipAttribute.Read1x(a)));

    private static byte[] BigEndian32(uint value)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian64(ulong value)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }
}
