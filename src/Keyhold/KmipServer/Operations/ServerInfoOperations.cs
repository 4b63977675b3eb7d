using Keyhold.Kmip;
using Keyhold.Kmip.Codec;

namespace Keyhold.KmipServer.Operations;

/// <summary>Discover Versions and Query: what this server speaks and does.</summary>
public static class ServerInfoOperations
{
    public const string Vendor = "Keyhold";

    /// <summary>Newest first, as Discover Versions answers.</summary>
    public static IReadOnlyList<ProtocolVersion> Versions => ProtocolVersion.Supported;

    /// <summary>
    /// The versions both sides speak, in the server's order of preference; with no client list, all of the server's
    /// (KMIP 1.4 section 4.26).
    /// </summary>
    public static byte[] DiscoverVersions(KmipCall call)
    {
        var offered = call.Payload.FindAll(KmipTag.ProtocolVersion).Select(ReadVersion).ToList();
        IEnumerable<ProtocolVersion> answer = offered.Count == 0 ? Versions : Versions.Where(offered.Contains);
        return Payload.Write(w =>
        {
            foreach (ProtocolVersion v in answer)
            {
                w.BeginStructure(KmipTag.ProtocolVersion);
                w.WriteInteger(KmipTag.ProtocolVersionMajor, v.Major);
                w.WriteInteger(KmipTag.ProtocolVersionMinor, v.Minor);
                w.EndStructure();
            }
        });
    }

    public static byte[] Query(KmipCall call, IEnumerable<KmipOperation> operations)
    {
        var functions = call.Payload.FindAll(KmipTag.QueryFunction).Select(f => f.GetEnumeration()).ToHashSet();
        return Payload.Write(w =>
        {
            if (functions.Contains((uint)QueryFunction.Operations))
            {
                foreach (KmipOperation operation in operations)
                {
                    w.WriteEnumeration(KmipTag.Operation, (uint)operation);
                }
            }

            if (functions.Contains((uint)QueryFunction.Objects))
            {
                ObjectType[] types = call.Is2x
                    ? [ObjectType.SymmetricKey, ObjectType.SecretData, ObjectType.OpaqueObject]
                    : [ObjectType.SymmetricKey, ObjectType.SecretData, ObjectType.OpaqueObject, ObjectType.Template];
                foreach (ObjectType type in types)
                {
                    w.WriteEnumeration(KmipTag.ObjectType, (uint)type);
                }
            }

            if (functions.Contains((uint)QueryFunction.ServerInformation))
            {
                w.WriteTextString(KmipTag.VendorIdentification, Vendor);
                w.BeginStructure(KmipTag.ServerInformation);
                w.EndStructure();
            }
        });
    }

    private static ProtocolVersion ReadVersion(TtlvElement e) =>
        new(e.Required(KmipTag.ProtocolVersionMajor).GetInt32(), e.Required(KmipTag.ProtocolVersionMinor).GetInt32());
}
