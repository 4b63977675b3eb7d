using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using Keyhold.KmipObjects;

namespace Keyhold.KmipServer.Operations;

/// <summary>The attributes a Create or Register carries: 1.x TemplateAttribute (with named templates) or 2.0 Attributes.</summary>
public static class TemplateReader
{
    public static KmipAttributeList Read(KmipCall call)
    {
        var list = new KmipAttributeList();
        if (call.Is2x)
        {
            if (call.Payload.Find(KmipTag.Attributes) is { } attributes)
            {
                Structure(attributes);
                foreach (TtlvElement value in attributes.Children)
                {
                    KmipAttribute a = KmipAttribute.Read2x(value);
                    list.Add(a.Name, a.Type, a.Value);
                }
            }

            return list;
        }

        foreach (TtlvElement template in call.Payload.FindAll(KmipTag.TemplateAttribute))
        {
            Structure(template);
            foreach (TtlvElement name in template.FindAll(KmipTag.Name))
            {
                // A Name directly inside TemplateAttribute names a registered template (1.0–1.3).
                list.Add(KmipObjectService.TemplateReference, name.Type, name.Value.ToArray());
            }

            foreach (TtlvElement attribute in template.FindAll(KmipTag.Attribute))
            {
                KmipAttribute a = KmipAttribute.Read1x(attribute);
                list.Add(a.Name, a.Type, a.Value);
            }
        }

        return list;
    }

    private static void Structure(TtlvElement e)
    {
        if (e.Type != TtlvType.Structure)
        {
            throw new KmipFaultException(ResultReason.InvalidMessage, $"{e.Tag} must be a structure.");
        }
    }
}
