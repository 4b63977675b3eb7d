using System.Security.Cryptography;
using Keyhold.Kmip;
using Keyhold.Kmip.Server;

namespace Keyhold.KmipObjects;

/// <summary>Fresh symmetric key material for Create: the algorithms and lengths this server makes keys for.</summary>
public static class KeyGenerator
{
    public const uint TripleDes = 2, Aes = 3, HmacSha1 = 6, HmacSha512 = 9;

    /// <summary>Pinned, random bytes for a key of <paramref name="lengthBits"/>; the caller zeroes them.</summary>
    public static byte[] Generate(uint algorithm, int lengthBits)
    {
        int bytes = algorithm switch
        {
            Aes when lengthBits is 128 or 192 or 256 => lengthBits / 8,
            // Two- and three-key Triple DES: 112 and 168 key bits travel as 16 and 24 bytes (parity bits included).
            TripleDes when lengthBits is 112 or 168 => lengthBits == 112 ? 16 : 24,
            >= HmacSha1 and <= HmacSha512 when lengthBits is >= 128 and <= 4096 && lengthBits % 8 == 0 => lengthBits / 8,
            _ => throw new KmipFaultException(ResultReason.InvalidField,
                $"This server makes AES (128, 192, 256 bits), Triple DES (112, 168) and HMAC keys; algorithm {algorithm} with {lengthBits} bits is not one of them."),
        };
        byte[] material = GC.AllocateArray<byte>(bytes, pinned: true);
        RandomNumberGenerator.Fill(material);
        return material;
    }
}
