using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Keyhold.Cluster;
using Keyhold.Keys;

namespace Keyhold.Volumes;

/// <summary>
/// What recent encrypted volume POSTs on this node read before making their key (<see cref="NewVolumeContext"/>): the
/// SVM a POST named and the SVM's effective onboard key manager, kept per way of naming it (svm.uuid and/or svm.name).
/// On PostgreSQL that read is a round trip of its own for every POST, the one it still had besides its share of a
/// group commit; with the entry kept, a POST goes to the store once.
/// <para>
/// An entry is never trusted: it may be stale (the SVM renamed, deleted or re-created, its key manager deleted or
/// replaced by another, on any node). The volume's and the key's INSERTs check, inside their transaction, that the SVM
/// still has this uuid and this name and that this key manager is still its effective one, so a stale entry cannot
/// store anything: the write is refused, the POST forgets the entry and starts over from a fresh read, and it ends as a
/// POST that arrived after the change would (<see cref="VolumeService.CreateAsync"/>). Only onboard key managers are
/// kept: a stale entry then costs one key made in memory and dropped, never a call to an external key server.
/// </para>
/// </summary>
public sealed class NewVolumeContextCache
{
    /// <summary>Distinct ways of naming an SVM kept; past it the cache starts over (a node serves a few SVMs, not thousands).</summary>
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<(string? Uuid, string? Name), (Svm Svm, KeyManager KeyManager)> entries = new();
    private readonly Counter<long>? outcomes;

    public NewVolumeContextCache(IMeterFactory? meters = null)
    {
        outcomes = meters?.Create(KeysMetrics.MeterName).CreateCounter<long>("keyhold.volume.create.context", "{request}",
            "Where an encrypted volume POST found its SVM and key manager: cached (the write confirmed it), stale (the write refused it; read again) or read (from the store).");
    }

    /// <summary>The SVM and key manager kept for a POST that names the SVM by <paramref name="uuid"/> and/or <paramref name="name"/>.</summary>
    public (Svm Svm, KeyManager KeyManager)? Find(string? uuid, string? name) =>
        entries.TryGetValue((uuid, name), out var kept) ? kept : null;

    /// <summary>Keeps what a POST has just read from the store; only onboard key managers (see the class).</summary>
    public void Remember(string? uuid, string? name, Svm svm, KeyManager? effective)
    {
        Count("read");
        if (effective is not { Kind: KeyManager.Onboard })
        {
            return;
        }
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }
        entries[(uuid, name)] = (svm, effective);
    }

    /// <summary>The store refused a write made from the entry: it is stale and goes.</summary>
    public void Forget(string? uuid, string? name)
    {
        Count("stale");
        entries.TryRemove((uuid, name), out _);
    }

    public void Confirmed() => Count("cached");

    private void Count(string outcome) => outcomes?.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
