namespace Keyhold.Cluster;

/// <summary>The cluster this node belongs to, as stored in the shared store.</summary>
public sealed record ClusterInfo(Guid Uuid, string Name, DateTimeOffset Created)
{
    /// <summary>The ONTAP release whose REST API Keyhold implements.</summary>
    public const int Generation = 9, Major = 7, Minor = 0;

    public static string VersionFull => $"NetApp Release {Generation}.{Major}.{Minor}: Keyhold {typeof(ClusterInfo).Assembly.GetName().Version}";
}
