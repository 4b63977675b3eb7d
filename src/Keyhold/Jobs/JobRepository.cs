using System.Data.Common;
using Keyhold.Api.Ontap;
using Keyhold.Storage;

namespace Keyhold.Jobs;

public sealed class JobRepository(IStore store)
{
    private const string Columns = "SELECT uuid, description, state, message, code, start_time, end_time FROM jobs";

    public Task<List<Job>> QueryAsync(SqlPlan plan, CancellationToken ct) =>
        store.ReadAsync((c, t) => Db.QueryAsync(c, null, Paged.Sql(Columns, plan), Read, t, Paged.Parameters(plan)), ct);

    public Task<Job?> FindAsync(Guid uuid, CancellationToken ct) =>
        store.ReadAsync((c, t) => Db.SingleOrDefaultAsync(c, null, Columns + " WHERE uuid = @u", Read, t, ("@u", uuid)), ct);

    public Task SaveAsync(Job job, CancellationToken ct) =>
        store.WriteAsync((c, tx, t) => SaveAsync(c, tx, job, t), ct);

    /// <summary>Inserts or replaces a job; portable upsert as delete + insert inside the caller's transaction.</summary>
    public static async Task<int> SaveAsync(DbConnection c, DbTransaction tx, Job job, CancellationToken ct)
    {
        await Db.ExecuteAsync(c, tx, "DELETE FROM jobs WHERE uuid = @u", ct, ("@u", job.Uuid));
        return await Db.ExecuteAsync(c, tx,
            "INSERT INTO jobs (uuid, description, state, message, code, start_time, end_time) VALUES (@u, @d, @s, @m, @c, @st, @et)", ct,
            ("@u", job.Uuid), ("@d", job.Description), ("@s", job.State), ("@m", job.Message), ("@c", job.Code),
            ("@st", job.StartTime), ("@et", job.EndTime));
    }

    private static Job Read(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.Time(5),
        r.IsDBNull(6) ? null : r.Time(6));
}
