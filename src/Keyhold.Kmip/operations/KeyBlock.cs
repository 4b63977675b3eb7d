using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>KeyBlock encoding shared by SymmetricKey and SecretData (unwrapped, byte-string key material only).</summary>
internal static class KeyBlock
{
    public static void Write(TtlvWriter w, KeyFormatType format, ReadOnlySpan<byte> material,
        CryptographicAlgorithm? algorithm, int? lengthBits)
    {
        w.BeginStructure(KmipTag.KeyBlock);
        w.WriteEnumeration(KmipTag.KeyFormatType, (uint)format);
        w.BeginStructure(KmipTag.KeyValue);
        w.WriteByteString(KmipTag.KeyMaterial, material);
        w.EndStructure();
        if (algorithm is { } a)
        {
            w.WriteEnumeration(KmipTag.CryptographicAlgorithm, (uint)a);
        }

        if (lengthBits is { } l)
        {
            w.WriteInteger(KmipTag.CryptographicLength, l);
        }

        w.EndStructure();
    }

    public static (KeyFormatType Format, byte[] Material, CryptographicAlgorithm? Algorithm, int? Length) Read(TtlvElement keyBlock)
    {
        keyBlock.ExpectStructure();
        var format = (KeyFormatType)keyBlock.Required(KmipTag.KeyFormatType).GetEnumeration();
        if (keyBlock.Find(KmipTag.KeyWrappingData) is not null)
        {
            throw new KmipProtocolException("Wrapped key material is not supported.");
        }

        TtlvElement keyValue = keyBlock.Required(KmipTag.KeyValue);
        keyValue.ExpectStructure();
        byte[] material = keyValue.Required(KmipTag.KeyMaterial).GetBytes();
        return (format, material,
            (CryptographicAlgorithm?)keyBlock.Find(KmipTag.CryptographicAlgorithm)?.GetEnumeration(),
            keyBlock.Find(KmipTag.CryptographicLength)?.GetInt32());
    }
}
