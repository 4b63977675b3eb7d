using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>Asks which protocol versions the server speaks; with a list, the server answers the intersection.</summary>
public sealed class DiscoverVersionsRequest(IReadOnlyList<ProtocolVersion>? clientVersions = null) : KmipOperationRequest
{
    public override KmipOperation Operation => KmipOperation.DiscoverVersions;

    public IReadOnlyList<ProtocolVersion> ClientVersions { get; } = clientVersions ?? [];

    internal override bool IsIdempotent => true;

    internal override void WritePayload(TtlvWriter writer, ProtocolVersion version)
    {
        foreach (ProtocolVersion v in ClientVersions)
        {
            v.Write(writer);
        }
    }

    internal override KmipOperationResponse ReadPayload(TtlvElement? payload, ProtocolVersion version) =>
        new DiscoverVersionsResponse(payload?.FindAll(KmipTag.ProtocolVersion).Select(ProtocolVersion.Read).ToList() ?? []);
}

public sealed class DiscoverVersionsResponse(IReadOnlyList<ProtocolVersion> versions) : KmipOperationResponse
{
    /// <summary>In the server's order of preference (newest first for PyKMIP).</summary>
    public IReadOnlyList<ProtocolVersion> Versions { get; } = versions;
}
