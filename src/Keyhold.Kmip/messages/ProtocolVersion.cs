using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>A KMIP protocol version; 2.0 and later use the typed Attributes encoding.</summary>
public readonly record struct ProtocolVersion(int Major, int Minor) : IComparable<ProtocolVersion>
{
    public static readonly ProtocolVersion V1_0 = new(1, 0);
    public static readonly ProtocolVersion V1_1 = new(1, 1);
    public static readonly ProtocolVersion V1_2 = new(1, 2);
    public static readonly ProtocolVersion V1_3 = new(1, 3);
    public static readonly ProtocolVersion V1_4 = new(1, 4);
    public static readonly ProtocolVersion V2_0 = new(2, 0);

    /// <summary>Versions this client can speak, newest first (the order DiscoverVersions expects).</summary>
    public static IReadOnlyList<ProtocolVersion> Supported { get; } = [V2_0, V1_4, V1_3, V1_2, V1_1, V1_0];

    internal bool UsesAttributesStructure => Major >= 2;

    public static bool operator <(ProtocolVersion left, ProtocolVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(ProtocolVersion left, ProtocolVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(ProtocolVersion left, ProtocolVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ProtocolVersion left, ProtocolVersion right) => left.CompareTo(right) >= 0;

    public int CompareTo(ProtocolVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public override string ToString() => $"{Major}.{Minor}";

    internal void Write(TtlvWriter writer)
    {
        writer.BeginStructure(KmipTag.ProtocolVersion);
        writer.WriteInteger(KmipTag.ProtocolVersionMajor, Major);
        writer.WriteInteger(KmipTag.ProtocolVersionMinor, Minor);
        writer.EndStructure();
    }

    internal static ProtocolVersion Read(TtlvElement element)
    {
        element.ExpectStructure();
        return new(element.Required(KmipTag.ProtocolVersionMajor).GetInt32(),
            element.Required(KmipTag.ProtocolVersionMinor).GetInt32());
    }
}
