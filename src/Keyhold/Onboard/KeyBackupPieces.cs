using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.Onboard;

/// <summary>
/// The key_backup of each onboard key manager, kept on this node in pieces so a GET does not rebuild it
/// (docs/key-backup.md). The data keys fall into pieces by the first characters of their IDs (256 for random hex IDs);
/// each piece holds its keys' blob entries, encoded once. A GET reads, from one index, the count and stamp sums of every
/// prefix (<see cref="KeyStamps"/>), re-reads and re-encodes only the pieces whose figures changed (any node's writes
/// change them), and hands out the <see cref="KeyBackupText"/> of the last GET when nothing changed at all; else a new
/// one over the same pieces, hashed once (the format's checksum) and never joined: it is armoured as it streams out.
/// The text is the same, byte for byte, as encoding every key afresh: entries in key ID order, then the participants'
/// (KMIP objects'), which are read in full each time, being few.
/// <para>
/// The pieces hold every wrapped key once more, in this process: at 1,000,000 keys some 350 MB. A backup larger than
/// Keyhold:KeyBackupKeepBytes is dropped after Keyhold:KeyBackupIdle without a GET, and its memory handed back to
/// the system, so RSS does not stay at the backup's size once the GETs stop (issue 14, docs/scaling.md); the next GET
/// rebuilds it. Smaller backups stay, so small stores never rebuild.
/// </para>
/// </summary>
internal sealed class KeyBackupPieces
{
    public const string MeterName = "Keyhold.Onboard";

    private readonly ConcurrentDictionary<Guid, Backup> backups = new();
    private readonly IStore store;
    private readonly IEnumerable<IBackupParticipant>? participants;
    private readonly long keepBytes;
    private readonly TimeSpan idle;

    public KeyBackupPieces(IStore store, IEnumerable<IBackupParticipant>? participants, long keepBytes, TimeSpan idle, IMeterFactory? meters)
    {
        (this.store, this.participants, this.keepBytes, this.idle) = (store, participants, keepBytes, idle);
        // What the cached pieces hold, so an operator (and a test) sees the memory come back after the drop.
        meters?.Create(MeterName).CreateObservableGauge("keyhold.key_backup.held", () => HeldBytes, "By",
            "Bytes of encoded key_backup entries this node keeps in memory.");
    }

    /// <summary>The key_backup of <paramref name="keyManager"/> (written armoured as it streams out), or null when it is not an onboard key manager.</summary>
    public async Task<KeyBackupText?> GetAsync(Guid keyManager, string clusterUuid, CancellationToken ct)
    {
        var backup = backups.GetOrAdd(keyManager, _ => new Backup());
        var arrived = Volatile.Read(ref backup.Begun);
        await backup.Refreshing.WaitAsync(ct); // one refresh at a time
        try
        {
            // A refresh that began after this GET arrived read the store after it: its answer is current for this GET
            // too. So GETs that pile up behind one refresh share the next, rather than each reading every piece's
            // figures in turn (32 at once cost two refreshes, not 32).
            if (backup.LastBegun > arrived)
                return backup.Last;
            var number = Interlocked.Increment(ref backup.Begun);
            var text = await store.ReadAsync((c, t) => backup.RefreshAsync(c, keyManager, clusterUuid, participants ?? [], t), ct);
            (backup.Last, backup.LastBegun) = (text, number);
            return text;
        }
        finally
        {
            Finish(backup);
        }
    }

    /// <summary>
    /// For a GET that reads the key manager's row anyway: begins a refresh to run inside that same read (one read
    /// transaction for both rather than two: the per-request floor, docs/scaling.md), when this node keeps a backup for
    /// <paramref name="keyManager"/> and no refresh of it is running. Null otherwise: then <see cref="GetAsync"/>. Its
    /// number is taken before the read begins, as <see cref="GetAsync"/> takes it, so a GET that arrived earlier and waits
    /// may take its answer as current. The caller must <see cref="End"/> it.
    /// </summary>
    public KeyBackupRefresh? TryBegin(Guid keyManager)
    {
        if (!backups.TryGetValue(keyManager, out var backup) || !backup.Refreshing.Wait(0))
        {
            return null;
        }
        return new KeyBackupRefresh(backup, keyManager, Interlocked.Increment(ref backup.Begun));
    }

    /// <summary>Runs a refresh begun by <see cref="TryBegin"/> on the caller's read connection.</summary>
    public async Task<KeyBackupText?> RunAsync(KeyBackupRefresh refresh, DbConnection c, string clusterUuid, CancellationToken ct)
    {
        var backup = (Backup)refresh.Backup;
        var text = await backup.RefreshAsync(c, refresh.KeyManager, clusterUuid, participants ?? [], ct);
        refresh.Ran(text);
        Interlocked.Increment(ref refreshesInRead);
        return text;
    }

    /// <summary>Ends a refresh begun by <see cref="TryBegin"/>; its answer is kept only when its read committed.</summary>
    public void End(KeyBackupRefresh refresh, bool committed)
    {
        var backup = (Backup)refresh.Backup;
        if (committed && refresh.HasRun)
        {
            (backup.Last, backup.LastBegun) = ((KeyBackupText?)refresh.Text, refresh.Number);
        }
        Finish(backup);
    }

    private void Finish(Backup backup)
    {
        backup.UsedAt = Environment.TickCount64;
        // Counted here, not after a refresh succeeds: a refresh cut short (the client gone, a failure) may still
        // hold most of the pieces, and they must leave memory too.
        backup.Recount();
        if (backup.Bytes > keepBytes)
        {
            backup.DropWhenIdle(idle);
        }
        backup.Refreshing.Release();
    }

    private long refreshesInRead;

    /// <summary>Refreshes run inside a GET's own read of the row (<see cref="RunAsync"/>), for the tests of that path.</summary>
    internal long RefreshesInRead => Interlocked.Read(ref refreshesInRead);

    /// <summary>Bytes of encoded entries held, over every onboard key manager (the gauge's value).</summary>
    public long HeldBytes => backups.Values.Sum(b => b.Bytes);

    public void Forget(Guid keyManager) => backups.TryRemove(keyManager, out _);

    private sealed class Backup
    {
        private readonly SortedDictionary<string, Piece> pieces = new(StringComparer.Ordinal);
        private Header? header;
        private List<BackupKey> extra = [];
        private KeyBackupText? armoured;

        /// <summary>Refreshes begun; the number of the last one finished, and its answer.</summary>
        public long Begun;
        public long LastBegun;
        public KeyBackupText? Last;

        public SemaphoreSlim Refreshing { get; } = new(1, 1);

        /// <summary>When the last GET of this backup finished (Environment.TickCount64).</summary>
        public long UsedAt;

        /// <summary>Bytes of encoded entries held.</summary>
        public long Bytes { get; private set; }

        /// <summary>Counts the bytes held; called with <see cref="Refreshing"/> held.</summary>
        public void Recount() => Bytes = pieces.Values.Sum(p => (long)p.Entries.Length);

        private Timer? dropTimer;

        /// <summary>Arms a one-shot check Keyhold:KeyBackupIdle from now; the pending timer roots this backup only until it fires.</summary>
        public void DropWhenIdle(TimeSpan idle)
        {
            dropTimer ??= new Timer(static s => ((Backup)s!).DropIfIdle(), this, Timeout.Infinite, Timeout.Infinite);
            dropTimer.Change(idle + TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
            idleFor = idle;
        }

        private TimeSpan idleFor;

        private void DropIfIdle()
        {
            if (!Refreshing.Wait(0))
            {
                dropTimer?.Change(idleFor, Timeout.InfiniteTimeSpan); // a GET is refreshing: look again later
                return;
            }
            long dropped;
            try
            {
                if (Environment.TickCount64 - Volatile.Read(ref UsedAt) < (long)idleFor.TotalMilliseconds)
                {
                    dropTimer?.Change(idleFor, Timeout.InfiniteTimeSpan);
                    return;
                }
                dropped = Bytes;
                pieces.Clear();
                header = null;
                extra = [];
                armoured = null;
                Last = null;
                LastBegun = 0; // no GET may take the dropped answer as current: the next one rebuilds
                Bytes = 0;
            }
            finally
            {
                Refreshing.Release();
            }
            // The pieces lived in the large-object heap, which only a full collection frees; an aggressive one also
            // returns the pages to the system. Once per drop of a backup larger than the kept size, never per GET.
            if (dropped > 0)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }

        public async Task<KeyBackupText?> RefreshAsync(DbConnection c, Guid keyManager, string clusterUuid, IEnumerable<IBackupParticipant> participants, CancellationToken ct)
        {
            var state = await OnboardRepository.FindAsync(c, null, keyManager, ct);
            if (state is null)
            {
                pieces.Clear();
                armoured = null;
                return null;
            }
            var changed = armoured is null;
            var now = new Header(state.Kdf, state.WrappedRootKey, clusterUuid);
            if (header is null || !header.Same(now))
            {
                header = now;
                changed = true;
            }

            var prints = await KeyStamps.PrintsAsync(c, keyManager, ct);
            foreach (var print in prints)
            {
                if (!pieces.TryGetValue(print.Prefix, out var piece) || piece.Print != print)
                {
                    pieces[print.Prefix] = await Piece.ReadAsync(c, keyManager, print.Prefix, ct);
                    changed = true;
                }
            }
            if (pieces.Count != prints.Count)
            {
                var present = prints.Select(p => p.Prefix).ToHashSet(StringComparer.Ordinal);
                foreach (var gone in pieces.Keys.Where(p => !present.Contains(p)).ToList())
                {
                    pieces.Remove(gone);
                }
                changed = true;
            }

            var entries = new List<BackupKey>();
            foreach (var participant in participants)
            {
                entries.AddRange(await participant.ReadAsync(c, keyManager, ct));
            }
            if (!SameEntries(extra, entries))
            {
                extra = entries;
                changed = true;
            }

            if (changed)
            {
                armoured = Assemble(header);
            }
            return armoured;
        }

        private KeyBackupText Assemble(Header h)
        {
            using var tail = new MemoryStream();
            foreach (var entry in extra)
            {
                BackupBlobWriter.WriteEntry(tail, entry);
            }
            var count = pieces.Values.Sum(p => p.Count) + extra.Count;
            IEnumerable<ReadOnlyMemory<byte>> parts = [.. pieces.Values.Select(p => (ReadOnlyMemory<byte>)p.Entries), tail.ToArray()];
            return new KeyBackupText(BackupBlobWriter.Parts(h.Kdf, h.WrappedRootKey, h.ClusterUuid, count, parts));
        }

        private static bool SameEntries(List<BackupKey> a, List<BackupKey> b) =>
            a.Count == b.Count && a.Zip(b).All(p => p.First.KeyId == p.Second.KeyId && p.First.KeyType == p.Second.KeyType
                && p.First.Metadata == p.Second.Metadata && p.First.Wrapped.AsSpan().SequenceEqual(p.Second.Wrapped));
    }

    private sealed record Header(KdfParameters Kdf, byte[] WrappedRootKey, string ClusterUuid)
    {
        public bool Same(Header other) =>
            Kdf.Equals(other.Kdf) && WrappedRootKey.AsSpan().SequenceEqual(other.WrappedRootKey) && ClusterUuid == other.ClusterUuid;
    }

    /// <summary>
    /// The encoded entries of one prefix's keys, with the figures of the rows they were made from (computed here, from
    /// what was read): if a write landed between reading the figures and the rows, the next GET sees figures that differ
    /// and reads the piece again.
    /// </summary>
    private sealed record Piece(PrefixPrint Print, int Count, byte[] Entries)
    {
        public static async Task<Piece> ReadAsync(DbConnection c, Guid keyManager, string prefix, CancellationToken ct)
        {
            var rows = await KeyStamps.PrefixAsync(c, keyManager, prefix, ct);
            using var entries = new MemoryStream();
            var count = 0;
            foreach (var (key, _) in rows)
            {
                if (key.Wrapped is { } wrapped)
                {
                    BackupBlobWriter.WriteEntry(entries, new BackupKey(key.KeyId, key.KeyType, wrapped, key.Metadata));
                    count++;
                }
            }
            var print = new PrefixPrint(prefix, rows.Count, rows.Sum(r => r.Stamp), rows.Sum(r => KeyStamps.Scrambled(r.Stamp)));
            return new Piece(print, count, entries.ToArray());
        }
    }
}
