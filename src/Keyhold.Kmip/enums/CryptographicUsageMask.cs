namespace Keyhold.Kmip;

[Flags]
public enum CryptographicUsageMask
{
    None = 0,
    Sign = 0x1,
    Verify = 0x2,
    Encrypt = 0x4,
    Decrypt = 0x8,
    WrapKey = 0x10,
    UnwrapKey = 0x20,
    Export = 0x40,
    MacGenerate = 0x80,
    MacVerify = 0x100,
    DeriveKey = 0x200,
}
