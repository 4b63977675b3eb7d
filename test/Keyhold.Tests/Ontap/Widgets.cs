using System.Globalization;
using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Tests.Ontap;

/// <summary>A test resource exercising every field kind, arrays, containers, expensive and write-only fields.</summary>
internal static class Widgets
{
    public const string Collection = "/api/test/widgets";
    private const FieldAccess ReadCreate = FieldAccess.Read | FieldAccess.Create;
    private const FieldAccess ReadWrite = FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify;

    public static readonly ResourceSchema Schema = new("widget", Collection, ["uuid"],
    [
        new("uuid", FieldKind.String, Column: "uuid"),
        new("name", FieldKind.String, ReadWrite, Column: "name"),
        new("size", FieldKind.Integer, ReadWrite, Column: "size"),
        new("enabled", FieldKind.Boolean, ReadWrite, Column: "enabled"),
        new("created", FieldKind.DateTime, Column: "created"),
        new("comment", FieldKind.String, ReadWrite, Column: "comment"),
        new("label", FieldKind.String, ReadWrite), // no column: filtered and sorted in memory
        new("svm", FieldKind.Object, ReadCreate),
        new("svm.name", FieldKind.String, ReadCreate, Column: "svm_name"),
        new("svm.uuid", FieldKind.String, ReadCreate, Column: "svm_uuid"),
        new("tags", FieldKind.String, ReadWrite, InArray: true),
        new("servers", FieldKind.Object, ReadCreate),
        new("servers.server", FieldKind.String, ReadCreate, InArray: true),
        new("servers.timeout", FieldKind.Integer, FieldAccess.Read, InArray: true),
        new("servers.connectivity", FieldKind.Object, Expensive: true, InArray: true),
        new("servers.connectivity.state", FieldKind.String, Expensive: true, InArray: true),
        new("status", FieldKind.Object, Expensive: true),
        new("status.code", FieldKind.Integer, Expensive: true, Column: "status_code"),
        new("status.message", FieldKind.String, Expensive: true),
        new("onboard.passphrase", FieldKind.String, FieldAccess.Create | FieldAccess.Modify | FieldAccess.WriteOnly),
        new("onboard.existing_passphrase", FieldKind.String, FieldAccess.Modify | FieldAccess.WriteOnly),
        new("onboard.enabled", FieldKind.Boolean),
        new("secret", FieldKind.String, FieldAccess.Create | FieldAccess.WriteOnly, Column: "secret"),
    ], "name, uuid");

    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Deterministic rows; names mix case so that ordinal order and case-insensitive wildcards differ.</summary>
    public static IReadOnlyList<Row> Seed(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Row(
            Uuid: $"00000000-0000-0000-0000-{i:000000000000}",
            Name: (i % 7 == 3 ? "W" : "w") + i.ToString("000", CultureInfo.InvariantCulture),
            Size: i * 7 % 23,
            Enabled: i % 2 == 0,
            Created: Epoch.AddHours(i * 5 % 31),
            Comment: i % 4 == 0 ? null : "c" + (i % 3).ToString(CultureInfo.InvariantCulture),
            Label: "L" + ((count - i) % 9).ToString(CultureInfo.InvariantCulture),
            SvmName: "vs" + (i % 3).ToString(CultureInfo.InvariantCulture),
            Tags: i % 5 == 0 ? [] : ["t" + (i % 5).ToString(CultureInfo.InvariantCulture), "common"],
            Servers: [.. Enumerable.Range(0, i % 3).Select(s => $"10.0.{i}.{s}:5696")],
            StatusCode: i % 6))];

    public static JsonObject Record(Row row)
    {
        var record = new JsonObject
        {
            ["uuid"] = row.Uuid,
            ["name"] = row.Name,
            ["size"] = row.Size,
            ["enabled"] = row.Enabled,
            ["created"] = row.Created.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["comment"] = row.Comment,
            ["label"] = row.Label,
            ["svm"] = new JsonObject { ["name"] = row.SvmName, ["uuid"] = "svm-" + row.SvmName, ["_links"] = OntapLinks.Self("/api/svm/svms/svm-" + row.SvmName) },
            ["tags"] = new JsonArray([.. row.Tags.Select(t => (JsonNode)t)]),
            ["servers"] = new JsonArray([.. row.Servers.Select(s => (JsonNode)new JsonObject
            {
                ["server"] = s,
                ["timeout"] = 25,
                ["connectivity"] = new JsonObject { ["state"] = "not_responding" },
                ["_links"] = OntapLinks.Self(OntapLinks.Instance(Collection + "/" + row.Uuid + "/servers", s)),
            })]),
            ["status"] = new JsonObject { ["code"] = row.StatusCode, ["message"] = "status " + row.StatusCode },
            ["onboard"] = new JsonObject { ["enabled"] = row.Enabled, ["passphrase"] = "never-returned" },
            ["secret"] = "s3cret",
            ["_links"] = OntapLinks.Self(OntapLinks.Instance(Collection, row.Uuid)),
        };
        return record;
    }

    internal sealed record Row(
        string Uuid, string Name, int Size, bool Enabled, DateTimeOffset Created, string? Comment, string Label,
        string SvmName, string[] Tags, string[] Servers, int StatusCode);
}
