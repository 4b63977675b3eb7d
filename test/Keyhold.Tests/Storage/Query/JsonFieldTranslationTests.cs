using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Storage.Query;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Keyhold.Tests.Storage.Query;

/// <summary>
/// Issue 11: the stored-only volume and SVM fields (JSON in an attributes column) filter and order in the store, so
/// <c>comment=*x*</c> over 100,000 volumes never loads them; the one field whose default is computed stays in memory.
/// </summary>
public sealed class JsonFieldTranslationTests
{
    private static SqlPlan Plan(ResourceSchema schema, string query, ISqlDialect dialect) => SqlTranslator.Build(
        CollectionQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)), schema), schema, dialect);

    [Fact]
    public void Volume_comment_wildcard_runs_in_sqlite()
    {
        var plan = Plan(VolumeSchema.Schema, "comment=*x*&max_records=5", SqliteDialect.Instance);
        Assert.Equal("(json_extract(v.attributes, '$.comment') LIKE @p0 ESCAPE '\\')", plan.Where);
        Assert.Empty(plan.Residual);
        Assert.True(plan.PagedInStore);
        Assert.Equal(6, plan.Limit);
    }

    [Fact]
    public void Defaults_fill_in_for_a_missing_value_and_types_cast_on_postgres()
    {
        var plan = Plan(VolumeSchema.Schema, "guarantee.type=volume&space.snapshot.reserve_percent=>3&space.logical_space.reporting=false&order_by=tiering.policy desc",
            PostgresDialect.Instance);
        Assert.Contains("COALESCE((CAST(v.attributes AS jsonb) #>> '{guarantee,type}'), 'volume')", plan.Where, StringComparison.Ordinal);
        Assert.Contains("COALESCE(CAST((CAST(v.attributes AS jsonb) #>> '{space,snapshot,reserve_percent}') AS bigint), 5)", plan.Where, StringComparison.Ordinal);
        Assert.Contains("COALESCE(CAST((CAST(v.attributes AS jsonb) #>> '{space,logical_space,reporting}') AS boolean), false)", plan.Where, StringComparison.Ordinal);
        Assert.StartsWith("(COALESCE((CAST(v.attributes AS jsonb) #>> '{tiering,policy}'), 'none')) COLLATE \"C\" DESC", plan.OrderBy, StringComparison.Ordinal);
        Assert.Empty(plan.Residual);
        Assert.False(plan.SortInMemory);
    }

    [Fact]
    public void Svm_fields_read_the_svm_attributes_column()
    {
        var plan = Plan(SvmSchema.Schema, "ipspace.name=Default&nfs.enabled=true", SqliteDialect.Instance);
        Assert.Equal("(COALESCE(json_extract(attributes, '$.ipspace.name'), 'Default') = @p0) AND (json_extract(attributes, '$.nfs.enabled') = @p1)", plan.Where);
        Assert.Empty(plan.Residual);
    }

    [Fact]
    public void Computed_defaults_and_arrays_stay_in_memory()
    {
        var plan = Plan(VolumeSchema.Schema, "files.maximum=32768&aggregates.name=aggr1", SqliteDialect.Instance);
        Assert.Equal("1=1", plan.Where);
        Assert.Equal(["files.maximum", "aggregates.name"], plan.Residual.Select(f => f.Path));
    }
}
