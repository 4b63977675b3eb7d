using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Tests.Ontap;

public class FieldSelectionTests
{
    private static readonly JsonObject Full = Widgets.Record(Widgets.Seed(5)[2]);

    private static JsonObject Project(string? fields) => FieldSelection.Parse(fields, Widgets.Schema).Project(Full);

    private static string[] Keys(JsonObject obj) => [.. obj.Select(p => p.Key)];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void Default_is_key_fields_and_links(string? fields)
    {
        var projected = Project(fields);
        Assert.Equal(["uuid", "_links"], Keys(projected));
        Assert.Equal("/api/test/widgets/00000000-0000-0000-0000-000000000002", (string?)projected["_links"]!["self"]!["href"]);
    }

    [Fact]
    public void Star_returns_readable_non_expensive_fields_and_nested_links()
    {
        var projected = Project("*");
        Assert.Equal(["uuid", "name", "size", "enabled", "created", "comment", "label", "svm", "tags", "servers", "onboard", "_links"], Keys(projected));
        Assert.Equal(["name", "uuid", "_links"], Keys(projected["svm"]!.AsObject()));
        var server = projected["servers"]![0]!.AsObject();
        Assert.Equal(["server", "timeout", "_links"], Keys(server)); // connectivity is expensive
        Assert.Equal(["enabled"], Keys(projected["onboard"]!.AsObject())); // passphrase is write-only
    }

    [Fact]
    public void Star_star_adds_expensive_fields_but_never_write_only_ones()
    {
        var projected = Project("**");
        Assert.Equal("status 2", (string?)projected["status"]!["message"]);
        Assert.Equal("not_responding", (string?)projected["servers"]![0]!["connectivity"]!["state"]);
        Assert.Null(projected["secret"]);
        Assert.Null(projected["onboard"]!["passphrase"]);
        Assert.True(FieldSelection.Parse("**", Widgets.Schema).IncludesExpensive);
        Assert.False(FieldSelection.Parse("*", Widgets.Schema).IncludesExpensive);
    }

    [Fact]
    public void Dotted_names_select_nested_paths_only()
    {
        var projected = Project("svm.name,servers.server");
        Assert.Equal(["uuid", "svm", "servers", "_links"], Keys(projected));
        Assert.Equal(["name", "_links"], Keys(projected["svm"]!.AsObject()));
        Assert.Equal(["server", "_links"], Keys(projected["servers"]![0]!.AsObject()));
    }

    [Fact]
    public void Container_selects_its_non_expensive_children()
    {
        var projected = Project("servers");
        Assert.Equal(["server", "timeout", "_links"], Keys(projected["servers"]![0]!.AsObject()));
    }

    [Fact]
    public void Naming_an_expensive_field_includes_it_and_its_children()
    {
        Assert.Equal(["code", "message"], Keys(Project("status")["status"]!.AsObject()));
        Assert.Equal(["message"], Keys(Project("status.message")["status"]!.AsObject()));
        var connectivity = Project("*,servers.connectivity")["servers"]![0]!["connectivity"];
        Assert.Equal("not_responding", (string?)connectivity!["state"]);
        Assert.True(FieldSelection.Parse("status.code", Widgets.Schema).IncludesExpensive);
    }

    [Fact]
    public void Repeated_fields_parameters_merge()
    {
        var selection = FieldSelection.ParseMany(["name", "size,svm.name"], Widgets.Schema);
        Assert.Equal(["uuid", "name", "size", "svm", "_links"], Keys(selection.Project(Full)));
    }

    [Fact]
    public void Links_are_always_allowed_and_empty_containers_are_dropped()
    {
        var projected = Project("_links,servers._links,name");
        Assert.Equal(["uuid", "name", "_links"], Keys(projected));
    }

    [Fact]
    public void Nulls_are_dropped_and_empty_selected_arrays_kept()
    {
        var record = Widgets.Record(Widgets.Seed(1)[0]); // comment null, tags [], servers []
        var projected = FieldSelection.Parse("comment,tags,servers", Widgets.Schema).Project(record);
        Assert.Null(projected["comment"]);
        Assert.Empty(projected["tags"]!.AsArray());
        Assert.Empty(projected["servers"]!.AsArray());
    }

    [Fact]
    public void Unknown_properties_survive_only_inside_a_selected_container()
    {
        var record = new JsonObject { ["uuid"] = "u", ["svm"] = new JsonObject { ["name"] = "vs0", ["extra"] = 1 }, ["stray"] = 2 };
        Assert.Equal(1, (int?)FieldSelection.Parse("svm", Widgets.Schema).Project(record)["svm"]!["extra"]);
        var star = FieldSelection.All(Widgets.Schema).Project(record);
        Assert.Null(star["stray"]);
        Assert.Null(FieldSelection.Parse("svm.name", Widgets.Schema).Project(record)["svm"]!["extra"]);
    }

    [Fact]
    public void Projection_does_not_alias_the_source()
    {
        var projected = Project("*");
        projected["svm"]!["name"] = "changed";
        Assert.Equal("vs2", (string?)Full["svm"]!["name"]);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("name,bogus")]
    [InlineData("svm.nope")]
    [InlineData("secret")]
    [InlineData("onboard.passphrase")]
    public void Unknown_or_write_only_names_are_262197_on_fields(string fields)
    {
        var error = OntapAssert.Throws(OntapErrors.InvalidFieldValue, "fields", () => FieldSelection.Parse(fields, Widgets.Schema));
        Assert.StartsWith("The value \"", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("\" is invalid for field \"fields\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name", "name", true)]
    [InlineData("name", "size", false)]
    [InlineData("name", "uuid", true)]
    [InlineData("name", "_links", true)]
    [InlineData("*", "status.code", false)]
    [InlineData("**", "status.code", true)]
    [InlineData("status", "status.code", true)]
    [InlineData("servers", "servers.connectivity.state", false)]
    [InlineData("**", "secret", false)]
    [InlineData("*", "no.such", false)]
    public void Includes_answers_per_path(string fields, string path, bool expected) =>
        Assert.Equal(expected, FieldSelection.Parse(fields, Widgets.Schema).Includes(path));
}
