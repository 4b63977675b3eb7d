namespace Keyhold.Kmip;

public enum KeyFormatType
{
    Raw = 0x01,
    Opaque = 0x02,
    TransparentSymmetricKey = 0x07,
}
