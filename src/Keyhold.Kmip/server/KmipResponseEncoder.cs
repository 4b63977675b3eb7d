using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip.Server;

/// <summary>Writes a ResponseMessage: header (the request's version, time stamp, batch count) and the items in order.</summary>
public static class KmipResponseEncoder
{
    public static byte[] Encode(ProtocolVersion version, DateTimeOffset now, IReadOnlyList<KmipResponseItem> items)
    {
        using var w = new TtlvWriter(256);
        w.BeginStructure(KmipTag.ResponseMessage);
        w.BeginStructure(KmipTag.ResponseHeader);
        version.Write(w);
        w.WriteDateTime(KmipTag.TimeStamp, now);
        w.WriteInteger(KmipTag.BatchCount, items.Count);
        w.EndStructure();
        foreach (KmipResponseItem item in items)
        {
            w.BeginStructure(KmipTag.BatchItem);
            if (item.Operation is { } operation)
            {
                w.WriteEnumeration(KmipTag.Operation, operation);
            }

            if (item.BatchItemId is { } id)
            {
                w.WriteByteString(KmipTag.UniqueBatchItemId, id);
            }

            w.WriteEnumeration(KmipTag.ResultStatus, (uint)item.Status);
            if (item.Reason is { } reason)
            {
                w.WriteEnumeration(KmipTag.ResultReason, (uint)reason);
            }

            if (item.Message is { } message)
            {
                w.WriteTextString(KmipTag.ResultMessage, message);
            }

            if (item.Payload is { } payload)
            {
                w.WriteRaw(KmipTag.ResponsePayload, TtlvType.Structure, payload);
            }

            w.EndStructure();
        }

        w.EndStructure();
        return w.ToArray();
    }
}
