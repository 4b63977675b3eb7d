using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using Keyhold.KmipObjects;

namespace Keyhold.KmipServer.Operations;

/// <summary>
/// Get Attributes, Get Attribute List, Add, Modify and Delete Attribute, in 1.x (attributes by name) and 2.0
/// (attributes by tag, Current/New Attribute) encodings.
/// </summary>
public sealed class AttributeOperations(KmipObjectService objects)
{
    /// <summary>
    /// KMIP 1.4's sensitivity and extractability flags: listed by Get Attribute List and answered when named, but left
    /// out of a Get Attributes that names nothing, as the OASIS Tape Library case TL-M-3 expects (older clients do
    /// not know them).
    /// </summary>
    private static readonly HashSet<string> AskedForOnly = new(StringComparer.Ordinal)
    {
        KmipAttributeNames.Sensitive, KmipAttributeNames.AlwaysSensitive, KmipAttributeNames.Extractable, KmipAttributeNames.NeverExtractable,
    };

    /// <summary>The same four do not exist before KMIP 1.4: a 1.0–1.3 client neither gets them listed nor answered.</summary>
    private static bool Exists(string name, KmipCall call) => call.Version >= ProtocolVersion.V1_4 || !AskedForOnly.Contains(name);

    public async Task<byte[]> GetAttributesAsync(KmipCall call, CancellationToken ct)
    {
        KmipObject o = await objects.ReadAsync(call.Identity, call.Uid(), ct);
        List<string> names = call.Is2x
            ? [.. call.Payload.FindAll(KmipTag.AttributeReference).Select(Reference)]
            : [.. call.Payload.FindAll(KmipTag.AttributeName).Select(n => n.GetText())];
        IEnumerable<KmipAttribute> answer = names.Count == 0
            ? o.Attributes.InAnswerOrder().Where(a => !AskedForOnly.Contains(a.Name))
            : names.Distinct().Where(n => Exists(n, call)).SelectMany(o.Attributes.All);
        return Payload.Write(w =>
        {
            w.WriteTextString(KmipTag.UniqueIdentifier, o.Uid);
            if (call.Is2x)
            {
                w.BeginStructure(KmipTag.Attributes);
            }

            foreach (KmipAttribute a in answer)
            {
                a.Write(w, call.Version);
            }

            if (call.Is2x)
            {
                w.EndStructure();
            }
        });
    }

    public async Task<byte[]> GetAttributeListAsync(KmipCall call, CancellationToken ct)
    {
        KmipObject o = await objects.ReadAsync(call.Identity, call.Uid(), ct);
        return Payload.Write(w =>
        {
            w.WriteTextString(KmipTag.UniqueIdentifier, o.Uid);
            foreach (string name in o.Attributes.InListOrder(customByName: call.Version >= ProtocolVersion.V1_4).Where(n => Exists(n, call)))
            {
                if (!call.Is2x)
                {
                    w.WriteTextString(KmipTag.AttributeName, name);
                }
                else if (KmipAttributeNames.TagOf(name) is { } tag)
                {
                    w.WriteEnumeration(KmipTag.AttributeReference, (uint)tag);
                }
            }
        });
    }

    public async Task<byte[]> AddAttributeAsync(KmipCall call, CancellationToken ct)
    {
        string uid = call.Uid();
        KmipAttribute a = call.Is2x ? Typed(call.Payload.Required(KmipTag.NewAttribute)) : KmipAttribute.Read1x(call.Payload.Required(KmipTag.Attribute));
        KmipAttribute added = await objects.AddAttributeAsync(call.Identity, uid, a, ct);
        return Answer(call, uid, added);
    }

    public async Task<byte[]> ModifyAttributeAsync(KmipCall call, CancellationToken ct)
    {
        string uid = call.Uid();
        KmipAttribute a;
        if (call.Is2x)
        {
            KmipAttribute next = Typed(call.Payload.Required(KmipTag.NewAttribute));
            int index = 0;
            if (call.Payload.Find(KmipTag.CurrentAttribute) is { } current)
            {
                KmipAttribute was = Typed(current);
                KmipObject o = await objects.ReadAsync(call.Identity, uid, ct);
                index = o.Attributes.All(was.Name).FirstOrDefault(x => x.SameValue(was))?.Index
                    ?? throw new KmipFaultException(ResultReason.ItemNotFound, "The current attribute value is not present.");
            }

            a = next with { Index = index };
        }
        else
        {
            a = KmipAttribute.Read1x(call.Payload.Required(KmipTag.Attribute));
        }

        KmipAttribute modified = await objects.ModifyAttributeAsync(call.Identity, uid, a, ct);
        return Answer(call, uid, modified);
    }

    public async Task<byte[]> DeleteAttributeAsync(KmipCall call, CancellationToken ct)
    {
        string uid = call.Uid();
        string name;
        int index = 0;
        if (call.Is2x)
        {
            if (call.Payload.Find(KmipTag.CurrentAttribute) is { } current)
            {
                KmipAttribute was = Typed(current);
                KmipObject o = await objects.ReadAsync(call.Identity, uid, ct);
                name = was.Name;
                index = o.Attributes.All(name).FirstOrDefault(x => x.SameValue(was))?.Index
                    ?? throw new KmipFaultException(ResultReason.ItemNotFound, "The current attribute value is not present.");
            }
            else
            {
                name = Reference(call.Payload.Required(KmipTag.AttributeReference));
            }
        }
        else
        {
            name = call.Payload.Required(KmipTag.AttributeName).GetText();
            index = call.Payload.Find(KmipTag.AttributeIndex)?.GetInt32() ?? 0;
        }

        KmipAttribute deleted = await objects.DeleteAttributeAsync(call.Identity, uid, name, index, ct);
        return Answer(call, uid, deleted);
    }

    /// <summary>1.x answers with the attribute as it now stands (or as it was, for Delete); 2.0 with the identifier only.</summary>
    private static byte[] Answer(KmipCall call, string uid, KmipAttribute a) => Payload.Write(w =>
    {
        w.WriteTextString(KmipTag.UniqueIdentifier, uid);
        if (!call.Is2x)
        {
            a.Write(w, call.Version);
        }
    });

    /// <summary>A 2.0 Current/New Attribute: a structure holding one typed attribute.</summary>
    private static KmipAttribute Typed(TtlvElement holder)
    {
        if (holder.Type != TtlvType.Structure || holder.Children.Count != 1)
        {
            throw new KmipFaultException(ResultReason.InvalidMessage, $"{holder.Tag} must hold exactly one attribute.");
        }

        return KmipAttribute.Read2x(holder.Children[0]);
    }

    /// <summary>A 2.0 Attribute Reference: the attribute's tag as an enumeration.</summary>
    private static string Reference(TtlvElement reference) =>
        reference.Type == TtlvType.Enumeration && KmipAttributeNames.NameOf((KmipTag)reference.GetEnumeration()) is { } name
            ? name
            : throw new KmipFaultException(ResultReason.InvalidField, "The attribute reference names no attribute this server knows.");
}
