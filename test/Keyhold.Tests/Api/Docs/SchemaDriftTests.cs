using Keyhold.Api;
using Keyhold.Ontap;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.OpenApi;

namespace Keyhold.Tests.Api.Docs;

/// <summary>
/// The document follows the schema it is given: a field added to a test resource's schema shows up with its type,
/// access and filter without any other change, and a route added to the app shows up as well.
/// </summary>
public sealed class SchemaDriftTests
{
    private static readonly FieldDef[] WidgetFields =
    [
        new("uuid", FieldKind.String, FieldAccess.Read),
        new("name", FieldKind.String, FieldAccess.Read | FieldAccess.Create),
        new("color", FieldKind.String, FieldAccess.Read | FieldAccess.Create | FieldAccess.Modify),
    ];

    private static readonly FieldDef Shade = new("details.shade", FieldKind.Integer, FieldAccess.Read | FieldAccess.Modify);

    [Fact]
    public async Task A_field_added_to_a_schema_appears_with_its_type_access_and_filter()
    {
        var before = await DocumentAsync(Widgets(WidgetFields), extraRoute: false);
        var after = await DocumentAsync(Widgets([.. WidgetFields, Shade]), extraRoute: false);

        var widgetBefore = before.Components!.Schemas!["widget"];
        Assert.False(widgetBefore.Properties!.ContainsKey("details"));
        Assert.True(widgetBefore.Properties["uuid"].ReadOnly);
        Assert.Equal(JsonSchemaType.String, widgetBefore.Properties["color"].Type);

        var shade = after.Components!.Schemas!["widget"].Properties!["details"].Properties!["shade"];
        Assert.Equal(JsonSchemaType.Integer, shade.Type);
        Assert.False(shade.ReadOnly);
        Assert.False(shade.WriteOnly);
        Assert.True(shade is OpenApiSchema concrete && concrete.Extensions!.ContainsKey("x-ntap-modifyOnly"));
        var filters = after.Paths["/api/widgets"].Operations![HttpMethod.Get].Parameters!.Select(p => p.Name).ToList();
        Assert.Contains("details.shade", filters);
        Assert.DoesNotContain("details.shade", before.Paths["/api/widgets"].Operations![HttpMethod.Get].Parameters!.Select(p => p.Name));
    }

    [Fact]
    public async Task A_route_added_to_the_app_appears()
    {
        var without = await DocumentAsync(Widgets(WidgetFields), extraRoute: false);
        var with = await DocumentAsync(Widgets(WidgetFields), extraRoute: true);

        Assert.False(without.Paths.ContainsKey("/api/widgets/{uuid}"));
        var delete = with.Paths["/api/widgets/{uuid}"].Operations![HttpMethod.Delete];
        Assert.Equal("Delete a widget", delete.Summary);
        Assert.Equal("uuid", Assert.Single(delete.Parameters!, p => p.In == ParameterLocation.Path).Name);
    }

    private static ResourceSchema Widgets(IReadOnlyList<FieldDef> fields) => new("widget", "/api/widgets", ["uuid"], fields, "uuid");

    /// <summary>A small app of its own: the widget routes carry their schema as metadata, plus the docs.</summary>
    private static async Task<OpenApiDocument> DocumentAsync(ResourceSchema schema, bool extraRoute)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.MapGet("/api/widgets", () => Results.Ok()).WithMetadata(schema);
        if (extraRoute)
        {
            app.MapDelete("/api/widgets/{uuid}", (string uuid) => Results.Ok(uuid)).WithMetadata(schema);
        }
        app.MapDocs();
        await app.StartAsync();
        var (document, diagnostic, _) = await OpenApiReading.GetAsync(app.GetTestClient());
        Assert.Empty(diagnostic.Errors);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        return document;
    }
}
