using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>Register client-supplied symmetric key material (Raw key format).</summary>
public sealed class RegisterSymmetricKeyRequest : KmipOperationRequest
{
    private readonly byte[] _material;

    public RegisterSymmetricKeyRequest(ReadOnlySpan<byte> material, string? name = null,
        CryptographicUsageMask usageMask = CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
        CryptographicAlgorithm algorithm = CryptographicAlgorithm.Aes)
    {
        if (material.IsEmpty)
        {
            throw new ArgumentException("Key material must not be empty.", nameof(material));
        }

        _material = material.ToArray();
        Name = name;
        UsageMask = usageMask;
        Algorithm = algorithm;
    }

    public override KmipOperation Operation => KmipOperation.Register;

    public string? Name { get; }

    public CryptographicUsageMask UsageMask { get; }

    public CryptographicAlgorithm Algorithm { get; }

    public int LengthBits => _material.Length * 8;

    internal override void WritePayload(TtlvWriter writer, ProtocolVersion version)
    {
        writer.WriteEnumeration(KmipTag.ObjectType, (uint)ObjectType.SymmetricKey);
        new AttributeSet(UsageMask: UsageMask, Name: Name).WriteTemplate(writer, version);
        writer.BeginStructure(KmipTag.SymmetricKey);
        KeyBlock.Write(writer, KeyFormatType.Raw, _material, Algorithm, LengthBits);
        writer.EndStructure();
    }

    internal override KmipOperationResponse ReadPayload(TtlvElement? payload, ProtocolVersion version) =>
        UniqueIdentifierResponse.Read(payload, Operation);

    public override string ToString() => $"Register SymmetricKey ({LengthBits} bits, name {Name ?? "none"})";
}

/// <summary>Register client-supplied secret data (Opaque key format), e.g. a 32-byte authentication key.</summary>
public sealed class RegisterSecretDataRequest : KmipOperationRequest
{
    private readonly byte[] _material;

    public RegisterSecretDataRequest(ReadOnlySpan<byte> material, string? name = null,
        SecretDataType dataType = SecretDataType.Password,
        CryptographicUsageMask usageMask = CryptographicUsageMask.Verify)
    {
        if (material.IsEmpty)
        {
            throw new ArgumentException("Secret data must not be empty.", nameof(material));
        }

        _material = material.ToArray();
        Name = name;
        DataType = dataType;
        UsageMask = usageMask;
    }

    public override KmipOperation Operation => KmipOperation.Register;

    public string? Name { get; }

    public SecretDataType DataType { get; }

    public CryptographicUsageMask UsageMask { get; }

    internal override void WritePayload(TtlvWriter writer, ProtocolVersion version)
    {
        writer.WriteEnumeration(KmipTag.ObjectType, (uint)ObjectType.SecretData);
        new AttributeSet(UsageMask: UsageMask, Name: Name).WriteTemplate(writer, version);
        writer.BeginStructure(KmipTag.SecretData);
        writer.WriteEnumeration(KmipTag.SecretDataType, (uint)DataType);
        KeyBlock.Write(writer, KeyFormatType.Opaque, _material, null, null);
        writer.EndStructure();
    }

    internal override KmipOperationResponse ReadPayload(TtlvElement? payload, ProtocolVersion version) =>
        UniqueIdentifierResponse.Read(payload, Operation);

    public override string ToString() => $"Register SecretData ({_material.Length} bytes, name {Name ?? "none"})";
}
