using Keyhold.Ontap.Schemas;
using Keyhold.Cluster;
using Keyhold.Jobs;
using Keyhold.Ontap;
using Keyhold.Storage;
using Keyhold.Storage.Query;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Keyhold.Tests.Storage.Query;

/// <summary>Repositories that page through <see cref="PagedQuery"/>, on the real schema of each store.</summary>
public abstract class RepositoryPagingContract : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private IStore? store;

    protected IStore Store => store ??= Create();

    protected abstract IStore OpenStore();

    public virtual void Dispose()
    {
        (store as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    private IStore Create()
    {
        var created = OpenStore();
        SchemaSteps.ApplyAsync(created).GetAwaiter().GetResult();
        return created;
    }

    private SqlPlan Plan(string query, ResourceSchema schema) =>
        SqlTranslator.Build(CollectionQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)), schema), schema, Store.Dialect);

    [SkippableFact]
    public async Task Jobs_filter_on_start_time_by_instant_whatever_the_operands_offset()
    {
        var jobs = new JobRepository(Store);
        for (var i = 0; i < 6; i++)
        {
            await jobs.SaveAsync(new Job(Guid.NewGuid(), $"job {i}", Job.Success, "", 0, Start.AddHours(i), Start.AddHours(i).AddMinutes(5), null), CancellationToken.None);
        }

        // 2026-01-01T03:30+02:00 is 01:30 UTC: jobs 2..5 started after it.
        var after = await jobs.QueryAsync(Plan("start_time=>2026-01-01T03:30:00%2B02:00", JobSchema.Schema), CancellationToken.None);
        Assert.Equal(["job 2", "job 3", "job 4", "job 5"], after.Select(j => j.Description));
        var page = await jobs.QueryAsync(Plan("end_time=<2026-01-01T04:00:00Z&order_by=start_time desc&max_records=2&start.offset=1", JobSchema.Schema), CancellationToken.None);
        Assert.Equal(["job 2", "job 1", "job 0"], page.Select(j => j.Description)); // max_records + 1 rows: there is a next page
        Assert.Equal(Start.AddHours(2), page[0].StartTime);
    }

    [SkippableFact]
    public async Task Svms_page_in_the_store_in_ordinal_name_order()
    {
        await Store.WriteAsync(async (c, tx, t) =>
        {
            foreach (var name in new[] { "vs1", "VS2", "vs3", "Vs4", "other" })
            {
                await SvmRepository.InsertAsync(c, tx, new Svm(Guid.NewGuid(), name, name == "vs3" ? "stopped" : "running"), DateTimeOffset.UnixEpoch, t);
            }
            return 0;
        });
        var svms = new SvmRepository(Store);
        var found = await svms.QueryAsync(Plan("name=vs*&state=running&order_by=name", SvmSchema.Schema), CancellationToken.None);
        Assert.Equal(["VS2", "Vs4", "vs1"], found.Select(s => s.Name));
    }
}
