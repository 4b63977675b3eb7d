using System.Collections.Concurrent;

namespace Keyhold.External;

/// <summary>
/// The last probe result of each (key manager, server) from this node. GETs read only this (and what other nodes
/// published to the store), so they never wait on a hanging server; the monitor and successful configuration changes
/// write it, and <see cref="ConnectivityPublisher"/> shares it.
/// </summary>
public sealed class ConnectivityCache(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(Guid KeyManager, string Server), ServerState> states = new();

    public void Record(Guid keyManager, string server, bool available) =>
        states[(keyManager, server)] = new ServerState(available, clock.GetUtcNow());

    /// <summary>Null when this node has not probed the server yet.</summary>
    public ServerState? Find(Guid keyManager, string server) =>
        states.TryGetValue((keyManager, server), out var state) ? state : null;

    public IReadOnlyList<KeyValuePair<(Guid KeyManager, string Server), ServerState>> All() => [.. states];

    public void Forget(Guid keyManager, string? server = null)
    {
        foreach (var key in states.Keys.Where(k => k.KeyManager == keyManager && (server is null || k.Server == server)))
        {
            states.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Drops servers no longer configured (removed through another node). Entries recorded after
    /// <paramref name="listedAt"/> stay: a server added since the list was read is not gone.
    /// </summary>
    public void Retain(IReadOnlySet<(Guid KeyManager, string Server)> configured, DateTimeOffset listedAt)
    {
        foreach (var (key, state) in states.Where(s => !configured.Contains(s.Key) && s.Value.Checked < listedAt))
        {
            states.TryRemove(new KeyValuePair<(Guid, string), ServerState>(key, state));
        }
    }
}

public sealed record ServerState(bool Available, DateTimeOffset Checked);
