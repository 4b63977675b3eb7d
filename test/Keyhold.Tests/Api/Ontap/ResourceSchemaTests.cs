using Keyhold.Api.Ontap;

namespace Keyhold.Tests.Api.Ontap;

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
