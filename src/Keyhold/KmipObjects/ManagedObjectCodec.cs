using System.Security.Cryptography;
using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;

namespace Keyhold.KmipObjects;

/// <summary>
/// The material-bearing structures KMIP objects travel in (Symmetric Key, Secret Data, Opaque Object): checked on
/// Register, built on Create, and re-encoded for Get. Only unwrapped byte-string key values are accepted.
/// </summary>
public static class ManagedObjectCodec
{
    private const uint Raw = 1, Opaque = 2, TransparentSymmetricKey = 7, Sha256 = 6;

    /// <summary>What the server learns from a registered object: the facts that become attributes, and its digest.</summary>
    public sealed record Facts(uint? Algorithm, int? LengthBits, uint KeyFormat, byte[] Digest);

    public static KmipTag TagOf(ObjectType type) => type switch
    {
        ObjectType.SymmetricKey => KmipTag.SymmetricKey,
        ObjectType.SecretData => KmipTag.SecretData,
        ObjectType.OpaqueObject => KmipTag.OpaqueObject,
        ObjectType.Template => KmipTag.Template,
        _ => throw new KmipFaultException(ResultReason.FeatureNotSupported, $"Object type {type} is not supported by this server."),
    };

    /// <summary>Checks a registered object of <paramref name="type"/>; the element is the object's own structure.</summary>
    public static Facts Inspect(ObjectType type, TtlvElement o)
    {
        try
        {
            switch (type)
            {
                case ObjectType.SymmetricKey:
                case ObjectType.SecretData:
                    if (type == ObjectType.SecretData)
                    {
                        o.Required(KmipTag.SecretDataType).GetEnumeration();
                    }

                    return InspectKeyBlock(o.Required(KmipTag.KeyBlock));
                case ObjectType.OpaqueObject:
                    o.Required(KmipTag.OpaqueDataType).GetEnumeration();
                    return new Facts(null, null, Opaque, SHA256.HashData(o.Required(KmipTag.OpaqueDataValue).GetBytes()));
                default:
                    throw new KmipFaultException(ResultReason.FeatureNotSupported, $"Register of {type} is not supported by this server.");
            }
        }
        catch (KmipProtocolException e)
        {
            throw new KmipFaultException(ResultReason.InvalidMessage, e.Message);
        }
    }

    /// <summary>A Symmetric Key structure holding <paramref name="material"/> in Raw format.</summary>
    public static byte[] SymmetricKey(ReadOnlySpan<byte> material, uint algorithm, int lengthBits)
    {
        using var w = new TtlvWriter(material.Length + 128);
        w.BeginStructure(KmipTag.SymmetricKey);
        w.BeginStructure(KmipTag.KeyBlock);
        w.WriteEnumeration(KmipTag.KeyFormatType, Raw);
        w.BeginStructure(KmipTag.KeyValue);
        w.WriteByteString(KmipTag.KeyMaterial, material);
        w.EndStructure();
        w.WriteEnumeration(KmipTag.CryptographicAlgorithm, algorithm);
        w.WriteInteger(KmipTag.CryptographicLength, lengthBits);
        w.EndStructure();
        w.EndStructure();
        return w.ToArray();
    }

    /// <summary>
    /// Re-encodes a stored object for Get, in the key format the client asked for: Raw and Transparent Symmetric Key
    /// convert into each other; other formats are answered as stored or refused.
    /// </summary>
    public static byte[] ForGet(byte[] stored, uint? wantedFormat)
    {
        TtlvElement o = TtlvElement.Parse(stored);
        TtlvElement? block = o.Find(KmipTag.KeyBlock);
        if (wantedFormat is not { } wanted || block is null)
        {
            return wantedFormat is null || block is not null ? stored
                : throw new KmipFaultException(ResultReason.KeyFormatTypeNotSupported, "This object has no key block to format.");
        }

        uint format = block.Required(KmipTag.KeyFormatType).GetEnumeration();
        if (format == wanted)
        {
            return stored;
        }

        if (o.Tag != KmipTag.SymmetricKey || !(format is Raw or TransparentSymmetricKey) || !(wanted is Raw or TransparentSymmetricKey))
        {
            throw new KmipFaultException(ResultReason.KeyFormatTypeNotSupported, "The object cannot be returned in the requested key format.");
        }

        byte[] material = KeyBytes(block);
        try
        {
            using var w = new TtlvWriter(stored.Length + 32);
            w.BeginStructure(o.Tag);
            w.BeginStructure(KmipTag.KeyBlock);
            foreach (TtlvElement child in block.Children)
            {
                if (child.Tag == KmipTag.KeyFormatType)
                {
                    w.WriteEnumeration(KmipTag.KeyFormatType, wanted);
                }
                else if (child.Tag == KmipTag.KeyValue)
                {
                    w.BeginStructure(KmipTag.KeyValue);
                    if (wanted == TransparentSymmetricKey)
                    {
                        w.BeginStructure(KmipTag.KeyMaterial);
                        w.WriteByteString(KmipTag.Key, material);
                        w.EndStructure();
                    }
                    else
                    {
                        w.WriteByteString(KmipTag.KeyMaterial, material);
                    }

                    foreach (TtlvElement extra in child.Children.Where(e => e.Tag != KmipTag.KeyMaterial))
                    {
                        w.WriteRaw(extra.Tag, extra.Type, extra.Value.Span);
                    }

                    w.EndStructure();
                }
                else
                {
                    w.WriteRaw(child.Tag, child.Type, child.Value.Span);
                }
            }

            w.EndStructure();
            w.EndStructure();
            return w.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>The Digest attribute's value: SHA-256 of the key material, with the format it was taken in.</summary>
    public static void WriteDigest(TtlvWriter w, Facts facts)
    {
        w.WriteEnumeration(KmipTag.HashingAlgorithm, Sha256);
        w.WriteByteString(KmipTag.DigestValue, facts.Digest);
        w.WriteEnumeration(KmipTag.KeyFormatType, facts.KeyFormat);
    }

    public static Facts FactsOfNewKey(ReadOnlySpan<byte> material, uint algorithm, int lengthBits) =>
        new(algorithm, lengthBits, Raw, SHA256.HashData(material));

    private static Facts InspectKeyBlock(TtlvElement block)
    {
        block.ExpectStructureOrThrow();
        if (block.Find(KmipTag.KeyWrappingData) is not null)
        {
            throw new KmipFaultException(ResultReason.FeatureNotSupported, "Wrapped key material is not supported.");
        }

        uint format = block.Required(KmipTag.KeyFormatType).GetEnumeration();
        if (block.Find(KmipTag.KeyCompressionType) is not null)
        {
            throw new KmipFaultException(ResultReason.KeyCompressionTypeNotSupported, "Key compression is not supported.");
        }

        byte[] material = KeyBytes(block);
        try
        {
            if (material.Length == 0)
            {
                throw new KmipFaultException(ResultReason.InvalidField, "The key material is empty.");
            }

            return new Facts(block.Find(KmipTag.CryptographicAlgorithm)?.GetEnumeration(),
                block.Find(KmipTag.CryptographicLength)?.GetInt32(), format, SHA256.HashData(material));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>Key Material as a byte string (Raw, Opaque) or as Transparent Symmetric Key's Key.</summary>
    private static byte[] KeyBytes(TtlvElement block)
    {
        TtlvElement value = block.Required(KmipTag.KeyValue);
        TtlvElement material = value.Type == TtlvType.Structure ? value.Required(KmipTag.KeyMaterial)
            : throw new KmipFaultException(ResultReason.InvalidMessage, "Key Value must be a structure.");
        return material.Type == TtlvType.Structure ? material.Required(KmipTag.Key).GetBytes() : material.GetBytes();
    }
}
