namespace Keyhold.Cluster;

/// <summary>The cluster's contact and location, as an operator set them (null: never set, and ONTAP then omits the field).</summary>
public sealed record ClusterIdentity(string? Contact, string? Location);
