using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

public sealed class GetRequest(string uniqueIdentifier) : KmipOperationRequest
{
    public override KmipOperation Operation => KmipOperation.Get;

    public string UniqueIdentifier { get; } = uniqueIdentifier;

    internal override bool IsIdempotent => true;

    internal override void WritePayload(TtlvWriter writer, ProtocolVersion version) =>
        writer.WriteTextString(KmipTag.UniqueIdentifier, UniqueIdentifier);

    internal override KmipOperationResponse ReadPayload(TtlvElement? payload, ProtocolVersion version)
    {
        TtlvElement p = RequirePayload(payload, Operation);
        var type = (ObjectType)p.Required(KmipTag.ObjectType).GetEnumeration();
        string uid = p.Required(KmipTag.UniqueIdentifier).GetText();
        TtlvElement obj = type switch
        {
            ObjectType.SymmetricKey => p.Required(KmipTag.SymmetricKey),
            ObjectType.SecretData => p.Required(KmipTag.SecretData),
            _ => throw new KmipProtocolException($"Get of {type} objects is not supported."),
        };
        obj.ExpectStructure();
        var block = KeyBlock.Read(obj.Required(KmipTag.KeyBlock));
        return new GetResponse(type, uid, block.Format, block.Material, block.Algorithm, block.Length);
    }
}

/// <summary>A retrieved key. <see cref="ToString"/> never shows the material.</summary>
public sealed class GetResponse : KmipOperationResponse
{
    private readonly byte[] _material;

    internal GetResponse(ObjectType objectType, string uniqueIdentifier, KeyFormatType format, byte[] material,
        CryptographicAlgorithm? algorithm, int? lengthBits)
    {
        ObjectType = objectType;
        UniqueIdentifier = uniqueIdentifier;
        KeyFormat = format;
        _material = material;
        Algorithm = algorithm;
        LengthBits = lengthBits;
    }

    public ObjectType ObjectType { get; }

    public string UniqueIdentifier { get; }

    public KeyFormatType KeyFormat { get; }

    public CryptographicAlgorithm? Algorithm { get; }

    public int? LengthBits { get; }

    /// <summary>The raw key material (a copy the caller owns and should wipe).</summary>
    public byte[] GetKeyMaterial() => (byte[])_material.Clone();

    public override string ToString() => $"{ObjectType} {UniqueIdentifier} ({_material.Length} bytes)";
}
