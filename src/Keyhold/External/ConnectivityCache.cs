using System.Collections.Concurrent;

namespace Keyhold.External;

/// <summary>
/// The last probe result of each (key manager, server) from this node. GETs read only this, so they never wait on
/// a hanging server; the monitor and successful configuration changes write it.
/// </summary>
public sealed class ConnectivityCache
{
    private readonly ConcurrentDictionary<(Guid KeyManager, string Server), ServerState> states = new();

    public void Record(Guid keyManager, string server, bool available) =>
        states[(keyManager, server)] = new ServerState(available, DateTimeOffset.UtcNow);

    /// <summary>Null when this node has not probed the server yet.</summary>
    public ServerState? Find(Guid keyManager, string server) =>
        states.TryGetValue((keyManager, server), out var state) ? state : null;

    public void Forget(Guid keyManager, string? server = null)
    {
        foreach (var key in states.Keys.Where(k => k.KeyManager == keyManager && (server is null || k.Server == server)))
        {
            states.TryRemove(key, out _);
        }
    }
}

public sealed record ServerState(bool Available, DateTimeOffset Checked);
