using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using Keyhold.KmipObjects;

namespace Keyhold.KmipServer.Operations;

/// <summary>Activate, Revoke, Destroy and Check; each answers with the object's identifier.</summary>
public sealed class LifecycleOperations(KmipObjectService objects)
{
    public async Task<byte[]> ActivateAsync(KmipCall call, CancellationToken ct)
    {
        string uid = call.Uid();
        await objects.ActivateAsync(call.Identity, uid, ct);
        return Payload.UniqueIdentifier(uid);
    }

    public async Task<byte[]> RevokeAsync(KmipCall call, CancellationToken ct)
    {
        string uid = call.Uid();
        TtlvElement reason = call.Payload.Required(KmipTag.RevocationReason);
        if (reason.Type != TtlvType.Structure)
        {
            throw new KmipFaultException(Kmip.ResultReason.InvalidMessage, "Revocation Reason must be a structure.");
        }

        await objects.RevokeAsync(call.Identity, uid, reason.Required(KmipTag.RevocationReasonCode).GetEnumeration(),
            reason.Find(KmipTag.RevocationMessage)?.GetText(), call.Payload.Find(KmipTag.CompromiseOccurrenceDate)?.GetDateTime(), ct);
        return Payload.UniqueIdentifier(uid);
    }

    /// <summary>
    /// Check (KMIP 1.x §4.10): the object exists for this client and, when the request names a Cryptographic Usage
    /// Mask, allows those usages. Usage limits and lease times are not kept, so they never fail a check. Advertised
    /// in Query because the Tape Library profile lists it.
    /// </summary>
    public async Task<byte[]> CheckAsync(KmipCall call, CancellationToken ct)
    {
        KmipObject o = await objects.ReadAsync(call.Identity, call.Uid(), ct);
        if (call.Payload.Find(KmipTag.CryptographicUsageMask) is { } wanted
            && o.Attributes.Int(KmipAttributeNames.CryptographicUsageMask) is int allowed
            && (wanted.GetInt32() & ~allowed) != 0)
        {
            throw new KmipFaultException(Kmip.ResultReason.IllegalOperation, "The object does not allow the usages checked for.");
        }

        return Payload.UniqueIdentifier(o.Uid);
    }

    public async Task<byte[]> DestroyAsync(KmipCall call, CancellationToken ct)
    {
        string uid = call.Uid();
        await objects.DestroyAsync(call.Identity, uid, ct);
        return Payload.UniqueIdentifier(uid);
    }
}
