using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;

using Keyhold.Tests.Ontap;

namespace Keyhold.Tests.Api.Ontap;

public class OntapBodyTests
{
    private static Task<JsonObject> ReadAsync(string? body, Operation op = Operation.Create) =>
        OntapBody.ReadAsync(OntapTestHttp.Context("/api/test/widgets", body: body ?? "", method: op == Operation.Create ? "POST" : "PATCH"), Widgets.Schema, op);

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    [InlineData("{}")]
    public async Task Empty_body_reads_as_empty_object(string body) => Assert.Empty(await ReadAsync(body, Operation.Modify));

    [Fact]
    public async Task Dotted_keys_expand_and_merge_with_nested_objects()
    {
        var body = await ReadAsync("""{"svm.name":"vs0","svm":{"uuid":"u"},"onboard.passphrase":"p","name":"n"}""");
        Assert.Equal("""{"svm":{"name":"vs0","uuid":"u"},"onboard":{"passphrase":"p"},"name":"n"}""", body.ToJsonString());
        Assert.Equal("vs0", body.GetString("svm.name"));
    }

    [Fact]
    public async Task Array_elements_validate_with_the_array_path()
    {
        var body = await ReadAsync("""{"servers":[{"server":"a:1"},{"server":"b"}],"tags":["x","y"]}""");
        Assert.Equal(2, body.GetArray("servers")!.Count);
        await OntapAssert.ThrowsAsync(OntapErrors.UnexpectedArgument, "servers.port",
            () => ReadAsync("""{"servers":[{"server":"a"},{"port":1}]}"""));
        await OntapAssert.ThrowsAsync(OntapErrors.FieldNotAllowed, "servers.timeout",
            () => ReadAsync("""{"servers":[{"server":"a","timeout":5}]}"""));
        await OntapAssert.ThrowsAsync(OntapErrors.InvalidFieldValue, "tags",
            () => ReadAsync("""{"tags":["x",1]}"""));
    }

    [Fact]
    public async Task Explicit_nulls_are_kept_for_the_resource_to_judge()
    {
        var body = await ReadAsync("""{"comment":null}""", Operation.Modify);
        Assert.True(body.ContainsKey("comment"));
        Assert.Null(body.GetString("comment"));
    }

    [Fact]
    public async Task Links_are_ignored()
    {
        var body = await ReadAsync("""{"name":"n","_links":{"self":{"href":"/x"}},"svm":{"name":"v","_links":{}}}""");
        Assert.Equal("""{"name":"n","svm":{"name":"v"}}""", body.ToJsonString());
    }

    [Theory]
    [InlineData("""{"colour":"red"}""", "colour")]
    [InlineData("""{"svm":{"colour":"red"}}""", "svm.colour")]
    [InlineData("""{"svm.colour":"red"}""", "svm.colour")]
    [InlineData("""{"a..b":1}""", "a..b")]
    public async Task Unknown_fields_are_262179_with_the_path(string json, string path)
    {
        var error = await OntapAssert.ThrowsAsync(OntapErrors.UnexpectedArgument, path, () => ReadAsync(json));
        Assert.Equal($"Unexpected argument \"{path}\".", error.Message);
    }

    [Theory]
    [InlineData("""{"uuid":"x"}""", Operation.Create, "uuid")] // read-only
    [InlineData("""{"created":"2024-01-01"}""", Operation.Modify, "created")]
    [InlineData("""{"svm":{"name":"vs0"}}""", Operation.Modify, "svm")] // create-only container
    [InlineData("""{"svm.name":"vs0"}""", Operation.Modify, "svm")]
    [InlineData("""{"onboard":{"existing_passphrase":"p"}}""", Operation.Create, "onboard.existing_passphrase")] // modify-only
    [InlineData("""{"secret":"s"}""", Operation.Modify, "secret")]
    [InlineData("""{"status":{}}""", Operation.Modify, "status")]
    [InlineData("""{"onboard":{"enabled":true}}""", Operation.Create, "onboard.enabled")]
    public async Task Fields_not_writable_in_the_operation_are_262196(string json, Operation op, string path)
    {
        var error = await OntapAssert.ThrowsAsync(OntapErrors.FieldNotAllowed, path, () => ReadAsync(json, op));
        Assert.Equal($"Field \"{path}\" cannot be set in this operation.", error.Message);
    }

    [Fact]
    public async Task Write_only_fields_are_accepted_in_their_operations()
    {
        var patch = await ReadAsync("""{"onboard":{"existing_passphrase":"old","passphrase":"new"}}""", Operation.Modify);
        Assert.Equal("old", patch.GetString("onboard.existing_passphrase"));
        Assert.Equal("s", (await ReadAsync("""{"secret":"s"}""")).GetString("secret"));
    }

    [Theory]
    [InlineData("""{"size":"big"}""", "size", "big")]
    [InlineData("""{"size":1.5}""", "size", "1.5")]
    [InlineData("""{"enabled":"yes"}""", "enabled", "yes")]
    [InlineData("""{"name":5}""", "name", "5")]
    [InlineData("""{"svm":"vs0"}""", "svm", "vs0")]
    [InlineData("""{"svm":{"name":{"x":1}}}""", "svm.name", """{"x":1}""")]
    public async Task Wrong_json_types_are_262197(string json, string path, string value)
    {
        var error = await OntapAssert.ThrowsAsync(OntapErrors.InvalidFieldValue, path, () => ReadAsync(json));
        Assert.Equal($"The value \"{value}\" is invalid for field \"{path}\"", error.Message);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[1]")]
    [InlineData("\"x\"")]
    [InlineData("""{"name":"a","name":"b"}""")]
    [InlineData("""{"svm":{"name":"a"},"svm.name":"b"}""")]
    [InlineData("""{"name":"a"} x""")]
    public async Task Malformed_bodies_are_invalid_json(string json)
    {
        var error = await Assert.ThrowsAsync<OntapException>(() => ReadAsync(json));
        Assert.Equal(OntapErrors.InvalidJson, error.Error);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void ValidateQuery_allows_return_options_and_named_extras()
    {
        OntapBody.ValidateQuery(OntapTestHttp.Context("/api/x?return_timeout=30&return_records=true&force=true"), "force");
        OntapAssert.Throws(OntapErrors.UnexpectedArgument, "fields", () => OntapBody.ValidateQuery(OntapTestHttp.Context("/api/x?fields=*")));
        OntapAssert.Throws(OntapErrors.InvalidFieldValue, "return_timeout", () => OntapBody.ValidateQuery(OntapTestHttp.Context("/api/x?return_timeout=x")));
        OntapAssert.Throws(OntapErrors.InvalidFieldValue, "return_records", () => OntapBody.ValidateQuery(OntapTestHttp.Context("/api/x?return_records=1")));
    }
}
