using System.Data.Common;
using Keyhold.Storage.Query;
using Keyhold.Storage;

namespace Keyhold.Jobs;

public sealed class JobRepository(IStore store)
{
    private const string Columns = "SELECT uuid, description, state, message, code, start_time, end_time, node_uuid, svm_uuid FROM jobs";

    public Task<List<Job>> QueryAsync(SqlPlan plan, CancellationToken ct) =>
        store.QueryPageAsync(Columns, plan, Read, ct);

    /// <summary>The plan's rows one by one as the store reads them (false stops); see <see cref="PagedQuery.StreamPageAsync"/>.</summary>
    public Task StreamAsync(SqlPlan plan, Func<Job, ValueTask<bool>> each, CancellationToken ct) =>
        store.StreamPageAsync(Columns, plan, Read, each, ct);

    /// <summary>How many rows the plan's WHERE keeps, counted in the store.</summary>
    public Task<long> CountAsync(SqlPlan plan, CancellationToken ct) =>
        store.CountAsync(Columns, plan, ct);

    public Task<Job?> FindAsync(Guid uuid, CancellationToken ct) =>
        store.ReadAsync((c, t) => Db.SingleOrDefaultAsync(c, null, Columns + " WHERE uuid = @u", Read, t, ("@u", uuid)), ct);

    public Task SaveAsync(Job job, CancellationToken ct) =>
        store.WriteAsync((c, tx, t) => SaveAsync(c, tx, job, t), ct);

    /// <summary>Inserts or replaces a job; portable upsert as delete + insert inside the caller's transaction.</summary>
    public static async Task<int> SaveAsync(DbConnection c, DbTransaction tx, Job job, CancellationToken ct)
    {
        await Db.ExecuteAsync(c, tx, "DELETE FROM jobs WHERE uuid = @u", ct, ("@u", job.Uuid));
        return await Db.ExecuteAsync(c, tx,
            "INSERT INTO jobs (uuid, description, state, message, code, start_time, end_time, node_uuid, svm_uuid) VALUES (@u, @d, @s, @m, @c, @st, @et, @n, @v)", ct,
            ("@u", job.Uuid), ("@d", job.Description), ("@s", job.State), ("@m", job.Message), ("@c", job.Code),
            ("@st", job.StartTime), ("@et", job.EndTime), ("@n", job.Node), ("@v", job.Svm?.ToString()));
    }

    /// <summary>The jobs <paramref name="node"/> left queued or running.</summary>
    public static Task<List<Job>> UnfinishedAsync(DbConnection c, DbTransaction tx, Guid node, CancellationToken ct) =>
        Db.QueryAsync(c, tx, Columns + " WHERE node_uuid = @n AND state IN (@q, @r)", Read, ct, ("@n", node), ("@q", Job.Queued), ("@r", Job.Running));

    /// <summary>Whether a job with this description (so on the same object) is still queued or running, on any node.</summary>
    public static async Task<bool> AnyUnfinishedAsync(DbConnection c, DbTransaction tx, string description, CancellationToken ct) =>
        await Db.ScalarAsync(c, tx, "SELECT 1 FROM jobs WHERE description = @d AND state IN (@q, @r)", ct, ("@d", description), ("@q", Job.Queued), ("@r", Job.Running)) is not null;

    private static Job Read(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.Time(5),
        r.IsDBNull(6) ? null : r.Time(6), r.IsDBNull(7) ? null : Guid.Parse(r.GetString(7)), r.IsDBNull(8) ? null : Guid.Parse(r.GetString(8)));
}
