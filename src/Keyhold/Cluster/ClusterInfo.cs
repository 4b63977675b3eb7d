using Keyhold.Ontap;

namespace Keyhold.Cluster;

/// <summary>The cluster this node belongs to, as stored in the shared store.</summary>
public sealed record ClusterInfo(Guid Uuid, string Name, DateTimeOffset Created)
{
    /// <summary>What <c>version.full</c> says at <paramref name="version"/> (the release set by Keyhold:Ontap:Version).</summary>
    public static string VersionFull(OntapVersion version) => $"NetApp Release {version}: Keyhold {typeof(ClusterInfo).Assembly.GetName().Version}";
}
