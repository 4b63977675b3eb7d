namespace Keyhold.Kmip;

public enum SecretDataType
{
    Password = 1,
    Seed = 2,
}
