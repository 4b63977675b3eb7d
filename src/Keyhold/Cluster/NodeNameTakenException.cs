namespace Keyhold.Cluster;

/// <summary>
/// A new node's name already belongs to another node of the cluster (node names are unique, as in ONTAP): two nodes
/// started on one host, or on hosts of the same name, share the default "&lt;hostname&gt;-01". Refused at start with
/// what to do, rather than a database error.
/// </summary>
public sealed class NodeNameTakenException(string name, Guid other)
    : Exception($"Another node of this cluster is already named \"{name}\" (uuid {other}). Start this node on a new data folder " +
        "with a name of its own: Keyhold__NodeName=NAME (the node.json of this data folder keeps the name it was given).");
