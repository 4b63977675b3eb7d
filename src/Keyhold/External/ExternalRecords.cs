namespace Keyhold.External;

/// <summary>A key server as shown: never its password. <see cref="Connectivity"/> only when asked for.</summary>
public sealed record KeyServerRecord(Guid KeyManagerUuid, string Server, int Timeout, string Username, ConnectivityRecord? Connectivity,
    IReadOnlyList<string> SecondaryKeyServers, int CreateRemoveTimeout)
{
    public static KeyServerRecord Of(KeyServer server, ConnectivityRecord? connectivity = null) =>
        new(server.KeyManagerUuid, server.Server, server.Timeout, server.Username, connectivity, server.Secondaries, server.CreateRemoveTimeout);
}

/// <summary>cluster_availability, and every node (up or not) where the server is not available, with its state.</summary>
public sealed record ConnectivityRecord(bool ClusterAvailable, IReadOnlyList<NodeConnectivity> NotAvailable);

public sealed record NodeConnectivity(Guid NodeUuid, string NodeName, string State);

/// <summary>The external part of a key manager: certificate uuids and servers.</summary>
public sealed record ExternalRecord(Guid ClientCertificate, IReadOnlyList<Guid> ServerCaCertificates, IReadOnlyList<KeyServerRecord> Servers);

/// <summary>A node that is up and cannot reach some servers (server, state).</summary>
public sealed record UnreachableServers(string Node, IReadOnlyList<(string Server, string State)> Servers);
