namespace Keyhold.Kmip;

/// <summary>The decoded payload of a successful operation.</summary>
public abstract class KmipOperationResponse
{
    private protected KmipOperationResponse()
    {
    }
}
