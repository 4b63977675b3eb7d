using System.Security.Cryptography;
using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using Keyhold.KmipObjects;

namespace Keyhold.KmipServer.Operations;

/// <summary>Create, Register and Get: the operations that make or hand out material.</summary>
public sealed class ObjectOperations(KmipObjectService objects)
{
    public async Task<byte[]> CreateAsync(KmipCall call, CancellationToken ct)
    {
        var type = (ObjectType)call.Payload.Required(KmipTag.ObjectType).GetEnumeration();
        KmipObject created = await objects.CreateAsync(call.Identity, type, TemplateReader.Read(call), ct);
        return Created(call, created, withType: true);
    }

    public async Task<byte[]> RegisterAsync(KmipCall call, CancellationToken ct)
    {
        var type = (ObjectType)call.Payload.Required(KmipTag.ObjectType).GetEnumeration();
        TtlvElement o = call.Payload.Find(ManagedObjectCodec.TagOf(type))
            ?? throw new KmipFaultException(ResultReason.InvalidMessage, $"Register of {type} carries no such object.");
        KmipObject registered = await objects.RegisterAsync(call.Identity, type, o, TemplateReader.Read(call), ct);
        return Created(call, registered, withType: false);
    }

    public async Task<byte[]> GetAsync(KmipCall call, CancellationToken ct)
    {
        string uid = call.Uid();
        if (call.Payload.Find(KmipTag.KeyWrappingSpecification) is not null)
        {
            throw new KmipFaultException(ResultReason.FeatureNotSupported, "Key wrapping on Get is not supported.");
        }

        if (call.Payload.Find(KmipTag.KeyCompressionType) is not null)
        {
            throw new KmipFaultException(ResultReason.KeyCompressionTypeNotSupported, "Key compression is not supported.");
        }

        uint? format = call.Payload.Find(KmipTag.KeyFormatType)?.GetEnumeration();
        (KmipObject o, byte[] encoded, Func<Task>? clearFresh) = await objects.GetAsync(call.Identity, uid, format, ct);
        if (clearFresh is not null)
        {
            // Stored once the answer is sent; this connection's next item waits for it (KmipSession).
            call.Session.Later(clearFresh);
        }
        try
        {
            return Payload.Write(w =>
            {
                w.WriteEnumeration(KmipTag.ObjectType, (uint)o.ObjectType);
                w.WriteTextString(KmipTag.UniqueIdentifier, o.Uid);
                TtlvElement element = TtlvElement.Parse(encoded);
                w.WriteRaw(element.Tag, element.Type, element.Value.Span);
            });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
        }
    }

    /// <summary>Create answers with the Object Type, Register without it (KMIP 1.4 sections 4.1 and 4.3).</summary>
    private static byte[] Created(KmipCall call, KmipObject o, bool withType)
    {
        call.ObjectId = o.Uid;
        call.Batch.Placeholder = o.Uid;
        return Payload.Write(w =>
        {
            if (withType)
            {
                w.WriteEnumeration(KmipTag.ObjectType, (uint)o.ObjectType);
            }

            w.WriteTextString(KmipTag.UniqueIdentifier, o.Uid);
        });
    }
}
