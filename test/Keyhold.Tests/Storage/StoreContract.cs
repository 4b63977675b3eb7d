using System.Data.Common;
using Keyhold.Storage;

namespace Keyhold.Tests.Storage;

/// <summary>
/// What every store promises, whatever its engine: one transaction per write, writes serialised across callers and
/// nodes, a failed write undone alone, kept statements that bind new values. Each store runs this suite through a
/// subclass that supplies it.
/// </summary>
public abstract class StoreContract : IDisposable
{
    private IStore? store;

    /// <summary>The store under test, a fresh one per test, with table t (k TEXT PRIMARY KEY, v BIGINT NOT NULL).</summary>
    protected IStore Store => store ??= Create();

    /// <summary>A new, empty store (skips the test when its engine is not available).</summary>
    protected abstract IStore OpenStore();

    /// <summary>A second store on the same data, as a second node opens it.</summary>
    protected abstract IStore OpenSecondNode();

    public virtual void Dispose()
    {
        (store as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    private IStore Create()
    {
        var created = OpenStore();
        created.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "CREATE TABLE t (k TEXT PRIMARY KEY, v BIGINT NOT NULL)", t)).GetAwaiter().GetResult();
        return created;
    }

    private Task<int> InsertAsync(string k, long v, CancellationToken ct = default) =>
        Store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO t (k, v) VALUES (@k, @v)", t, ("@k", k), ("@v", v)), ct);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task<List<(string K, long V)>> RowsAsync() =>
        Store.ReadAsync((c, t) => Db.QueryAsync(c, null, "SELECT k, v FROM t ORDER BY k", r => (r.GetString(0), r.GetInt64(1)), t));

    [SkippableFact]
    public async Task Statements_sent_together_report_each_its_rows_and_a_failure_among_them_undoes_them_all()
    {
        await InsertAsync("a", 1);
        const string InsertIf = "INSERT INTO t (k, v) SELECT @k, @v WHERE EXISTS (SELECT 1 FROM t WHERE k = @e)";
        var changed = await Store.WriteAsync((c, tx, t) => Db.ExecuteAllAsync(c, tx,
        [
            new Statement(InsertIf, ("@k", "b"), ("@v", 2L), ("@e", "a")),
            new Statement(InsertIf, ("@k", "c"), ("@v", 3L), ("@e", "none")),
            new Statement("UPDATE t SET v = v + 10"),
        ], t));
        Assert.Equal([1, 0, 2], changed);

        // The second statement's duplicate fails the write: the first one's row must not land either.
        await Assert.ThrowsAnyAsync<DbException>(() => Store.WriteAsync((c, tx, t) => Db.ExecuteAllAsync(c, tx,
        [
            new Statement("INSERT INTO t (k, v) VALUES (@k, @v)", ("@k", "d"), ("@v", 4L)),
            new Statement("INSERT INTO t (k, v) VALUES (@k, @v)", ("@k", "a"), ("@v", 5L)),
        ], t)));
        Assert.Equal([("a", 11L), ("b", 12L)], await RowsAsync());
    }

    [SkippableFact]
    public async Task A_kept_statement_binds_new_values_every_time_and_survives_a_failure()
    {
        await InsertAsync("a", 1);
        await Assert.ThrowsAnyAsync<DbException>(() => InsertAsync("a", 2)); // same SQL, constraint violation
        await InsertAsync("b", 2);
        for (var i = 0; i < 3; i++)
        {
            foreach (var (k, v) in new[] { ("a", 1L), ("b", 2L), ("zz", -1L) })
            {
                var got = await Store.ReadAsync((c, t) => Db.ScalarAsync(c, null, "SELECT v FROM t WHERE k = @k", t, ("@k", k)));
                Assert.Equal(v < 0 ? null : v, (long?)got);
            }
        }
        Assert.Equal([("a", 1L), ("b", 2L)], await RowsAsync());
    }

    [SkippableFact]
    public async Task The_same_sql_nested_in_one_read_gets_its_own_command()
    {
        await InsertAsync("a", 1);
        await InsertAsync("b", 2);
        var pairs = await Store.ReadAsync(async (c, t) =>
        {
            var keys = await Db.QueryAsync(c, null, "SELECT k FROM t ORDER BY k", r => r.GetString(0), t);
            var result = new List<long>();
            foreach (var k in keys)
            {
                result.Add((long)(await Db.ScalarAsync(c, null, "SELECT v FROM t WHERE k = @k", t, ("@k", k)))!);
                result.Add((await Db.QueryAsync(c, null, "SELECT k FROM t ORDER BY k", r => r.GetString(0), t)).Count);
            }
            return result;
        });
        Assert.Equal([1L, 2L, 2L, 2L], pairs);
    }

    [SkippableFact]
    public async Task Unflushed_writes_are_committed_and_seen_at_once_and_mixed_with_durable_ones_all_land()
    {
        _ = Store; // made once, before the racing writers
        var tasks = Enumerable.Range(0, 100).Select(i => Task.Run(() => i % 2 == 0
            ? InsertAsync($"d{i:D3}", i)
            : Store.WriteUnflushedAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "INSERT INTO t (k, v) VALUES (@k, @v)", t, ("@k", $"u{i:D3}"), ("@v", (long)i))))).ToList();
        await Task.WhenAll(tasks);
        var rows = await RowsAsync();
        Assert.Equal(50, rows.Count(r => r.K[0] == 'd'));
        Assert.Equal(50, rows.Count(r => r.K[0] == 'u'));
        await Store.WriteUnflushedAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "UPDATE t SET v = -1 WHERE k = 'u001'", t));
        Assert.Equal(-1L, (long?)await Store.ReadAsync((c, t) => Db.ScalarAsync(c, null, "SELECT v FROM t WHERE k = 'u001'", t)));
    }

    [SkippableFact]
    public async Task Concurrent_writes_all_land_each_seeing_the_ones_before_it()
    {
        await InsertAsync("counter", 0);
        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(() => Store.WriteAsync(async (c, tx, t) =>
        {
            var v = (long)(await Db.ScalarAsync(c, tx, "SELECT v FROM t WHERE k = 'counter'", t))!;
            await Db.ExecuteAsync(c, tx, "UPDATE t SET v = @v WHERE k = 'counter'", t, ("@v", v + 1));
            await Db.ExecuteAsync(c, tx, "INSERT INTO t (k, v) VALUES (@k, @v)", t, ("@k", $"w{i:D3}"), ("@v", v + 1));
            return v + 1;
        }))).ToList();
        var seen = await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), seen.Order()); // each its own value: serial
        var rows = await RowsAsync();
        Assert.Equal(201, rows.Count);
        Assert.Equal(200L, rows.Single(r => r.K == "counter").V);
    }

    [SkippableFact]
    public async Task A_failing_write_among_concurrent_ones_is_undone_alone_and_its_caller_gets_its_exception()
    {
        var (started, gate) = (NewSignal(), NewSignal());
        // Hold the writer so that the next writes queue up (and, where the store groups commits, share one).
        var first = Store.WriteAsync(async (c, tx, t) =>
        {
            started.SetResult();
            await gate.Task;
            return await Db.ExecuteAsync(c, tx, "INSERT INTO t (k, v) VALUES ('first', 1)", t);
        });
        await started.Task;
        var good1 = InsertAsync("good1", 1);
        var bad = Store.WriteAsync<int>(async (c, tx, t) =>
        {
            await Db.ExecuteAsync(c, tx, "INSERT INTO t (k, v) VALUES ('bad', 1)", t);
            throw new InvalidOperationException("boom");
        });
        var good2 = InsertAsync("good2", 2);
        gate.SetResult();
        await first;
        await good1;
        await good2;
        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => bad)).Message);
        Assert.Equal([("first", 1L), ("good1", 1L), ("good2", 2L)], await RowsAsync());
    }

    [SkippableFact]
    public async Task Statement_writes_sent_at_once_each_get_their_own_outcome_and_a_refused_one_lands_nothing()
    {
        await InsertAsync("taken", 0);
        const string Insert = "INSERT INTO t (k, v) VALUES (@k, @v)";
        const string InsertIf = "INSERT INTO t (k, v) SELECT @k, @v WHERE EXISTS (SELECT 1 FROM t WHERE k = @e)";
        // All queued before any is awaited, so a store that commits them together (PostgreSQL) gets many per batch.
        var writes = Enumerable.Range(0, 48).Select(i => Store.WriteStatementsAsync(
        [
            new Statement(Insert, ("@k", $"w{i:D2}"), ("@v", (long)i)),
            // Every sixth write's second row is a duplicate: that write fails, its first row with it, and only it.
            new Statement(Insert, ("@k", i % 6 == 5 ? "taken" : $"x{i:D2}"), ("@v", (long)i)),
            // Sees its own first row (even i), or finds nothing and changes nothing.
            new Statement(InsertIf, ("@k", $"y{i:D2}"), ("@v", (long)i), ("@e", i % 2 == 0 ? $"w{i:D2}" : "none")),
        ])).ToList();
        var expected = new List<(string, long)> { ("taken", 0) };
        for (var i = 0; i < writes.Count; i++)
        {
            if (i % 6 == 5)
            {
                await Assert.ThrowsAnyAsync<DbException>(() => writes[i]);
                continue;
            }
            Assert.Equal([1, 1, i % 2 == 0 ? 1 : 0], await writes[i]);
            expected.AddRange([($"w{i:D2}", i), ($"x{i:D2}", i)]);
            if (i % 2 == 0)
            {
                expected.Add(($"y{i:D2}", i));
            }
        }
        Assert.Equal(expected.OrderBy(r => r.Item1, StringComparer.Ordinal), await RowsAsync());
    }

    [SkippableFact]
    public async Task Statement_writes_of_one_row_from_two_nodes_at_once_all_land()
    {
        await InsertAsync("counter", 0);
        var second = OpenSecondNode();
        using var closing = (IDisposable)second;
        IStore[] nodes = [Store, second];
        // Every write reads and changes the same row: on PostgreSQL concurrent ones abort (serialization failure) and are sent again.
        var writes = Enumerable.Range(0, 40).Select(i => nodes[i % 2].WriteStatementsAsync(
            [new Statement("UPDATE t SET v = v + 1 WHERE k = @k", ("@k", "counter"))])).ToList();
        Assert.All(await Task.WhenAll(writes), changed => Assert.Equal([1], changed));
        Assert.Equal([("counter", 40L)], await RowsAsync());
    }

    [SkippableFact]
    public async Task A_write_cancelled_while_queued_never_runs()
    {
        var (started, gate) = (NewSignal(), NewSignal());
        var first = Store.WriteAsync(async (c, tx, t) =>
        {
            started.SetResult();
            await gate.Task;
            return await Db.ExecuteAsync(c, tx, "INSERT INTO t (k, v) VALUES ('first', 1)", t);
        });
        await started.Task;
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var queued = Store.WriteAsync((c, tx, t) =>
        {
            ran = true;
            return Db.ExecuteAsync(c, tx, "INSERT INTO t (k, v) VALUES ('queued', 1)", t);
        }, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        gate.SetResult();
        await first;
        await InsertAsync("after", 2);
        Assert.False(ran);
        Assert.Equal([("after", 2L), ("first", 1L)], await RowsAsync());
    }

    [SkippableFact]
    public async Task Two_stores_on_the_same_data_like_two_nodes_both_write()
    {
        var mine = Store;
        using var other = (IDisposable)OpenSecondNode();
        var second = (IStore)other;
        var tasks = Enumerable.Range(0, 100).Select(i => (i % 2 == 0 ? mine : second).WriteAsync((c, tx, t) =>
            Db.ExecuteAsync(c, tx, "INSERT INTO t (k, v) VALUES (@k, @v)", t, ("@k", $"n{i:D3}"), ("@v", i)))).ToList();
        await Task.WhenAll(tasks);
        Assert.Equal(100, (await RowsAsync()).Count);
        Assert.Equal(100L, await second.ReadAsync(async (c, t) => (long)(await Db.ScalarAsync(c, null, "SELECT COUNT(*) FROM t", t))!));
    }
}
