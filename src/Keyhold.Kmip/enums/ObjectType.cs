namespace Keyhold.Kmip;

public enum ObjectType
{
    Certificate = 0x01,
    SymmetricKey = 0x02,
    PublicKey = 0x03,
    PrivateKey = 0x04,
    SplitKey = 0x05,
    Template = 0x06,
    SecretData = 0x07,
    OpaqueObject = 0x08,
    PgpKey = 0x09,
    CertificateRequest = 0x0A,
}
