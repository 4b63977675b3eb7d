using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using Keyhold.KmipObjects;

namespace Keyhold.KmipServer.Operations;

/// <summary>Locate: attributes as 1.x Attribute items or 2.0 Attributes, Maximum Items and Offset Items.</summary>
public sealed class LocateOperation(KmipObjectService objects)
{
    public async Task<byte[]> LocateAsync(KmipCall call, CancellationToken ct)
    {
        var filters = new List<KmipAttribute>();
        if (call.Is2x)
        {
            if (call.Payload.Find(KmipTag.Attributes) is { Type: TtlvType.Structure } attributes)
            {
                filters.AddRange(attributes.Children.Select(KmipAttribute.Read2x));
            }
        }
        else
        {
            filters.AddRange(call.Payload.FindAll(KmipTag.Attribute).Select(a => KmipAttribute.Read1x(a)));
        }

        int? maximum = call.Payload.Find(KmipTag.MaximumItems)?.GetInt32();
        int offset = call.Payload.Find(KmipTag.OffsetItems)?.GetInt32() ?? 0;
        IReadOnlyList<string> found = await objects.LocateAsync(call.Identity, filters, maximum, offset, ct);
        if (found.Count > 0)
        {
            call.Batch.Placeholder = found[0];
        }

        return Payload.Write(w =>
        {
            foreach (string uid in found)
            {
                w.WriteTextString(KmipTag.UniqueIdentifier, uid);
            }
        });
    }
}
