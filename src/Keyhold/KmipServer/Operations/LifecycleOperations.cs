using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using Keyhold.KmipObjects;

namespace Keyhold.KmipServer.Operations;

/// <summary>Activate, Revoke and Destroy; each answers with the object's identifier.</summary>
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

    public async Task<byte[]> DestroyAsync(KmipCall call, CancellationToken ct)
    {
        string uid = call.Uid();
        await objects.DestroyAsync(call.Identity, uid, ct);
        return Payload.UniqueIdentifier(uid);
    }
}
