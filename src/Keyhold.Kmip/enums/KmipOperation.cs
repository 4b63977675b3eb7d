namespace Keyhold.Kmip;

/// <summary>KMIP Operation enumeration (the subset of values a client may send or see echoed).</summary>
public enum KmipOperation
{
    Create = 0x01,
    CreateKeyPair = 0x02,
    Register = 0x03,
    ReKey = 0x04,
    DeriveKey = 0x05,
    Locate = 0x08,
    Check = 0x09,
    Get = 0x0A,
    GetAttributes = 0x0B,
    GetAttributeList = 0x0C,
    AddAttribute = 0x0D,
    ModifyAttribute = 0x0E,
    DeleteAttribute = 0x0F,
    Activate = 0x12,
    Revoke = 0x13,
    Destroy = 0x14,
    Query = 0x18,
    DiscoverVersions = 0x1E,
    Encrypt = 0x1F,
    Decrypt = 0x20,
    Sign = 0x21,
    SignatureVerify = 0x22,
    Mac = 0x23,
}
