using Keyhold.Ontap;

namespace Keyhold.Tests.Ontap;

public class ResourceSchemaTests
{
    [Fact]
    public void Missing_parent_containers_are_added_as_objects_writable_like_their_children()
    {
        var onboard = Widgets.Schema.Find("onboard");
        Assert.NotNull(onboard);
        Assert.Equal(FieldKind.Object, onboard.Kind);
        Assert.True(onboard.IsWritable(Operation.Create));
        Assert.True(onboard.IsWritable(Operation.Modify));
    }

    [Fact]
    public void Find_returns_null_for_unknown_paths() => Assert.Null(Widgets.Schema.Find("svm.nope"));

    [Fact]
    public void Fields_lists_parents_before_children()
    {
        var paths = Widgets.Schema.Fields.Select(f => f.Path).ToList();
        Assert.True(paths.IndexOf("onboard") < paths.IndexOf("onboard.passphrase"));
    }

    [Fact]
    public void Duplicate_fields_and_unknown_keys_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new ResourceSchema("x", "/api/x", ["uuid"],
            [new("uuid", FieldKind.String), new("uuid", FieldKind.String)], "uuid"));
        Assert.Throws<ArgumentException>(() => new ResourceSchema("x", "/api/x", ["id"],
            [new("uuid", FieldKind.String)], "uuid"));
    }
}

public class FieldDefTests
{
    [Theory]
    [InlineData(FieldKind.String, FieldAccess.Read, true)]
    [InlineData(FieldKind.String, FieldAccess.Read | FieldAccess.Create, true)]
    [InlineData(FieldKind.String, FieldAccess.Create, false)] // no Read: never returned
    [InlineData(FieldKind.String, FieldAccess.Read | FieldAccess.WriteOnly, false)]
    [InlineData(FieldKind.Object, FieldAccess.Create, true)] // containers: their children decide
    public void Readability(FieldKind kind, FieldAccess access, bool readable) =>
        Assert.Equal(readable, new FieldDef("x", kind, access).IsReadable);

    [Fact]
    public void Fields_without_read_are_neither_returned_nor_filterable()
    {
        var schema = new ResourceSchema("t", "/api/t", ["uuid"],
            [new("uuid", FieldKind.String), new("pin", FieldKind.String, FieldAccess.Create), new("svm", FieldKind.Object, FieldAccess.Create), new("svm.name", FieldKind.String, FieldAccess.Read | FieldAccess.Create)],
            "uuid");
        var record = new System.Text.Json.Nodes.JsonObject { ["uuid"] = "u", ["pin"] = "1234", ["svm"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "vs0" } };
        Assert.Equal("""{"uuid":"u","svm":{"name":"vs0"}}""", FieldSelection.Parse("**", schema).Project(record).ToJsonString());
        OntapAssert.Throws(OntapErrors.UnexpectedArgument, "pin", () => CollectionQuery.Parse(
            new Microsoft.AspNetCore.Http.QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["pin"] = "1234" }), schema));
    }
}
