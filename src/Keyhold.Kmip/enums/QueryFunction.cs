namespace Keyhold.Kmip;

public enum QueryFunction
{
    Operations = 1,
    Objects = 2,
    ServerInformation = 3,
}
