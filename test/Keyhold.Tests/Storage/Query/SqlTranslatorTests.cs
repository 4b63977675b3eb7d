using Keyhold.Ontap;
using Keyhold.Storage.Query;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

using Keyhold.Tests.Ontap;

namespace Keyhold.Tests.Storage.Query;

public class SqlTranslatorTests
{
    private static SqlPlan Plan(string query, ISqlDialect? dialect = null) => SqlTranslator.Build(
        CollectionQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)), Widgets.Schema),
        Widgets.Schema, dialect ?? SqliteDialect.Instance);

    private static object?[] Values(SqlPlan plan) => [.. plan.Parameters.Select(p => p.Value)];

    [Fact]
    public void No_query_is_a_full_scan_in_default_order()
    {
        var plan = Plan("");
        Assert.Equal("1=1", plan.Where);
        Assert.Equal("name, uuid", plan.OrderBy);
        Assert.Null(plan.Limit);
        Assert.Equal(0, plan.Offset);
        Assert.True(plan.PagedInStore);
        Assert.Equal("SELECT * FROM t WHERE 1=1 ORDER BY name, uuid", plan.ToSql("SELECT * FROM t"));
    }

    [Fact]
    public void Column_filters_become_parameterised_where_clauses()
    {
        var plan = Plan("svm.name=vs0|vs1&size=>=3&name=!w0*");
        // A wildcard with a fixed start also carries the range of lower-cased values it implies (for an index).
        Assert.Equal("(svm_name = @p0 OR svm_name = @p1) AND (size >= @p2) AND (name IS NOT NULL AND NOT ((name LIKE @p3 ESCAPE '\\' AND (lower(name) >= @p4 AND lower(name) < @p5))))", plan.Where);
        Assert.Equal(["@p0", "@p1", "@p2", "@p3", "@p4", "@p5"], plan.Parameters.Select(p => p.Key));
        Assert.Equal(["vs0", "vs1", 3L, "w0%", "w0", "w1"], Values(plan));
        Assert.Empty(plan.Residual);
    }

    [Fact]
    public void Values_never_reach_the_sql_text()
    {
        var plan = Plan("name=x'); DROP TABLE widgets;--");
        Assert.DoesNotContain("DROP", plan.Where, StringComparison.Ordinal);
        Assert.Equal("x'); DROP TABLE widgets;--", Values(plan)[0]);
    }

    [Theory]
    [InlineData("size=1..5", "((size >= @p0 AND size <= @p1))")]
    [InlineData("comment=null", "(comment IS NULL)")]
    [InlineData("comment=!null", "(comment IS NOT NULL AND NOT (comment IS NULL))")]
    [InlineData("comment=*", "(comment IS NOT NULL)")]
    [InlineData("size=<3|>20", "(size < @p0 OR size > @p1)")]
    [InlineData("size=<=3", "(size <= @p0)")]
    [InlineData("enabled=true", "(enabled = @p0)")]
    public void Operators(string query, string where) => Assert.Equal(where, Plan(query).Where);

    [Fact]
    public void Like_metacharacters_are_escaped()
    {
        Assert.Equal(@"100\%\_a\\b%", FilterSqlLike("100%_a\\b*"));

        static string FilterSqlLike(string value) => (string)Values(Plan("name=" + Uri.EscapeDataString(value)))[0]!;
    }

    [Fact]
    public void DateTimes_bind_in_the_storage_format()
    {
        var plan = Plan("created=>2024-01-01T02:00:00%2B02:00");
        Assert.Equal("2024-01-01T00:00:00.0000000Z", Values(plan)[0]);
    }

    [Fact]
    public void Array_and_column_less_filters_are_residual_and_page_in_memory()
    {
        var plan = Plan("tags=t1&label=L1&svm.name=vs0&max_records=5&start.offset=5");
        Assert.Equal("(svm_name = @p0)", plan.Where);
        Assert.Equal(["tags", "label"], plan.Residual.Select(f => f.Path));
        Assert.False(plan.PagedInStore);
        Assert.Null(plan.Limit);
        Assert.Equal(0, plan.Offset);
        Assert.Equal("", plan.Paging);
    }

    [Fact]
    public void Store_paging_asks_for_one_extra_row()
    {
        var plan = Plan("max_records=10&start.offset=20");
        Assert.Equal(11, plan.Limit);
        Assert.Equal(20, plan.Offset);
        Assert.Equal(" LIMIT 11 OFFSET 20", plan.Paging);
        Assert.Same(plan.Query, plan.Query);
        Assert.Equal(10, plan.Query.MaxRecords);
    }

    [Fact]
    public void Order_by_columns_runs_in_the_store_then_the_default_order()
    {
        var plan = Plan("order_by=size desc,svm.name");
        Assert.Equal("size DESC, svm_name ASC, name, uuid", plan.OrderBy);
        Assert.False(plan.SortInMemory);
    }

    [Fact]
    public void Order_by_without_a_column_sorts_in_memory()
    {
        var plan = Plan("order_by=label&max_records=3");
        Assert.True(plan.SortInMemory);
        Assert.Equal("name, uuid", plan.OrderBy);
        Assert.Equal(["label"], plan.MemoryOrder.Select(t => t.Path));
        Assert.Null(plan.Limit);
    }

    [Theory]
    [InlineData("Vol*", "vol", "vom")]
    [InlineData("sv000001*", "sv000001", "sv000002")]
    [InlineData("a*b*", "a", "b")]
    [InlineData("exact", "exact", "exacu")]
    [InlineData("x~*", "x~", "x\u007f")]
    [InlineData("*tail", null, null)]
    [InlineData("é*", null, null)]
    public void A_wildcard_with_a_fixed_ASCII_start_gives_the_lower_cased_range_of_its_matches(string pattern, string? low, string? high)
    {
        var range = FilterSql.PrefixRange(pattern);
        Assert.Equal(low, range?.Low);
        Assert.Equal(high, range?.High);
    }

    [Fact]
    public void Postgres_dialect()
    {
        var plan = Plan("name=a*|b&order_by=name desc&max_records=2&start.offset=4&created=2024-01-01", PostgresDialect.Instance);
        Assert.Equal("((name ILIKE @p0 ESCAPE '\\' AND ((lower(name)) COLLATE \"C\" >= @p1 AND (lower(name)) COLLATE \"C\" < @p2)) OR (name) COLLATE \"C\" = @p3) AND (CAST(created AS timestamptz) = @p4)", plan.Where);
        Assert.Equal("(name) COLLATE \"C\" DESC NULLS LAST, name, uuid", plan.OrderBy);
        Assert.Equal(" LIMIT 3 OFFSET 4", plan.Paging);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Values(plan)[4]);
        Assert.Equal(" OFFSET 4", PostgresDialect.Instance.Paging(null, 4));
        Assert.Equal(" LIMIT -1 OFFSET 4", SqliteDialect.Instance.Paging(null, 4));
    }
}
