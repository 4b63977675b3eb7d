using Keyhold.Ontap;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Keyhold.Tests.Ontap;

public class CollectionQueryTests
{
    private static QueryCollection Query(string query) => new QueryCollection(QueryHelpers.ParseQuery(query));

    private static CollectionQuery Parse(string query, params string[] extra) =>
        CollectionQuery.Parse(Query(query), Widgets.Schema, extra);

    [Fact]
    public void Defaults()
    {
        var query = Parse("");
        Assert.Empty(query.Filters);
        Assert.Empty(query.OrderBy);
        Assert.Null(query.MaxRecords);
        Assert.True(query.ReturnRecords);
        Assert.Equal(TimeSpan.FromSeconds(15), query.ReturnTimeout);
        Assert.Equal(0, query.Offset);
        Assert.False(query.Fields.Includes("name"));
        Assert.True(query.Fields.Includes("uuid"));
    }

    [Fact]
    public void Ansible_rest_info_query_parses() // ?max_records=1024&fields= with %2C-encoded commas elsewhere
    {
        var query = Parse("max_records=1024&fields=");
        Assert.Equal(1024, query.MaxRecords);
        Assert.False(query.Fields.Includes("name"));
        Assert.True(Parse("fields=name%2Csvm.name&svm.name=vs0").Fields.Includes("svm.name"));
    }

    [Fact]
    public void Control_parameters()
    {
        var query = Parse("fields=*&max_records=5&return_records=false&return_timeout=0&order_by=size desc,name&order_by=created%20asc&start.offset=10");
        Assert.True(query.Fields.Includes("name"));
        Assert.Equal(5, query.MaxRecords);
        Assert.False(query.ReturnRecords);
        Assert.Equal(TimeSpan.Zero, query.ReturnTimeout);
        Assert.Equal(10, query.Offset);
        Assert.Equal([("size", true), ("name", false), ("created", false)], query.OrderBy.Select(t => (t.Path, t.Descending)));
    }

    [Fact]
    public void Filters_are_field_paths_and_repeats_are_anded()
    {
        var query = Parse("svm.name=vs0&size=>1&size=<9&servers.server=*5696");
        Assert.Equal(["svm.name", "size", "size", "servers.server"], query.Filters.Select(f => f.Path));
    }

    [Theory]
    [InlineData("bogus=1", "bogus")]
    [InlineData("secret=x", "secret")] // write-only fields cannot be filtered
    [InlineData("onboard.passphrase=x", "onboard.passphrase")]
    [InlineData("Fields=name", "Fields")]
    public void Unknown_parameters_are_262179(string query, string name)
    {
        var error = OntapAssert.Throws(OntapErrors.UnexpectedArgument, name, () => Parse(query));
        Assert.Equal($"Unexpected argument \"{name}\".", error.Message);
        Assert.Equal(400, error.Status);
        Assert.Equal("262179", error.Code);
    }

    [Fact]
    public void Extra_parameters_are_accepted_and_left_to_the_caller()
    {
        var query = Parse("force=true&name=a", "force");
        Assert.Single(query.Filters);
    }

    [Theory]
    [InlineData("max_records=0", "max_records")]
    [InlineData("max_records=-1", "max_records")]
    [InlineData("max_records=abc", "max_records")]
    [InlineData("max_records=", "max_records")]
    [InlineData("return_records=maybe", "return_records")]
    [InlineData("return_timeout=121", "return_timeout")]
    [InlineData("return_timeout=-1", "return_timeout")]
    [InlineData("return_timeout=1.5", "return_timeout")]
    [InlineData("order_by=bogus", "order_by")]
    [InlineData("order_by=name sideways", "order_by")]
    [InlineData("order_by=svm", "order_by")]
    [InlineData("order_by=secret", "order_by")]
    [InlineData("start.offset=x", "start.offset")]
    [InlineData("size=big", "size")]
    [InlineData("fields=nope", "fields")]
    public void Bad_values_are_262197_with_target(string query, string target) =>
        OntapAssert.Throws(OntapErrors.InvalidFieldValue, target, () => Parse(query));

    [Fact]
    public void ParseFilters_rejects_selection_and_paging()
    {
        var query = CollectionQuery.ParseFilters(Query("scope=x&return_timeout=30&name=a"), Widgets.Schema, ["scope"]);
        Assert.Single(query.Filters);
        OntapAssert.Throws(OntapErrors.UnexpectedArgument, "fields", () => CollectionQuery.ParseFilters(Query("fields=name"), Widgets.Schema));
        OntapAssert.Throws(OntapErrors.UnexpectedArgument, "max_records", () => CollectionQuery.ParseFilters(Query("max_records=1"), Widgets.Schema));
    }
}
