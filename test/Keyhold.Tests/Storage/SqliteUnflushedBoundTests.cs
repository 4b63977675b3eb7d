using System.Diagnostics.Metrics;
using Keyhold.Storage;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Storage;

/// <summary>
/// An unflushed SQLite commit reaches the disk with the next durable commit or, when none comes, by the writer's own
/// fsync of the WAL within <see cref="SqliteStore.FlushWithin"/> (the audit relies on this bound). The fsync is seen
/// through the store's <c>keyhold.store.wal.flushes</c> counter.
/// </summary>
public sealed class SqliteUnflushedBoundTests : IDisposable
{
    private readonly string dir = TempDir.Create();
    private readonly MeterFactory meters = new();
    private readonly MeterListener listener = new();
    private long flushes;

    public SqliteUnflushedBoundTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Made.Contains(instrument.Meter) && instrument.Name == "keyhold.store.wal.flushes")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref flushes, value));
        listener.Start();
    }

    [Fact]
    public async Task A_lone_unflushed_write_is_fsynced_by_the_writer_and_stays_committed()
    {
        using var store = new SqliteStore(Path.Combine(dir, "keyhold.db"), new StoreMetrics(meters));
        await store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "CREATE TABLE f (k INTEGER PRIMARY KEY)", t));
        Assert.Equal(0, Interlocked.Read(ref flushes));

        await store.WriteUnflushedAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO f (k) VALUES (1)", t));

        // The bound is 0.2 s; 10 s only says "it happened at all" on a loaded machine, a broken build never flushes.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Interlocked.Read(ref flushes) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal(1, Interlocked.Read(ref flushes));
        Assert.Equal(1L, (long?)await store.ReadAsync((c, t) => Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM f", t)));

        // Nothing more is pending: no further fsync of its own comes (a durable write after it needs none either).
        await store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO f (k) VALUES (2)", t));
        await Task.Delay(SqliteStore.FlushWithin * 3);
        Assert.Equal(1, Interlocked.Read(ref flushes));
    }

    public void Dispose()
    {
        listener.Dispose();
        meters.Dispose();
    }

    private sealed class MeterFactory : IMeterFactory
    {
        public List<Meter> Made { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            lock (Made)
            {
                Made.Add(meter);
            }
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Made)
            {
                meter.Dispose();
            }
        }
    }
}
