namespace Keyhold.Kmip;

public enum CryptographicAlgorithm
{
    Des = 0x01,
    TripleDes = 0x02,
    Aes = 0x03,
    Rsa = 0x04,
    Dsa = 0x05,
    Ecdsa = 0x06,
    HmacSha1 = 0x07,
    HmacSha224 = 0x08,
    HmacSha256 = 0x09,
    HmacSha384 = 0x0A,
    HmacSha512 = 0x0B,
}
