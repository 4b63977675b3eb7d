using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>Response of operations that only echo the object's identifier (Create, Register, Activate, Revoke, Destroy).</summary>
public sealed class UniqueIdentifierResponse(string uniqueIdentifier) : KmipOperationResponse
{
    /// <summary>Opaque server-assigned identifier (PyKMIP uses "1", "2", ...).</summary>
    public string UniqueIdentifier { get; } = uniqueIdentifier;

    public override string ToString() => UniqueIdentifier;

    internal static UniqueIdentifierResponse Read(TtlvElement? payload, KmipOperation operation)
    {
        TtlvElement p = payload ?? throw new KmipProtocolException($"{operation} response has no payload.");
        return new UniqueIdentifierResponse(p.Required(KmipTag.UniqueIdentifier).GetText());
    }
}
