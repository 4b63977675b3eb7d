using System.Net;
using Keyhold.Api.Docs;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Keyhold.Tests.Api.Docs;

/// <summary>
/// /docs/api/openapi.json of the real application: a valid OpenAPI 3.1 document that lists every route it maps,
/// every field of the schemas that validate requests, their query parameters, and every error code.
/// </summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    [Fact]
    public async Task Document_is_served_without_authentication_and_validates_as_OpenAPI_3_1()
    {
        var (document, diagnostic, json) = await OpenApiReading.GetAsync(factory.CreateClient());

        Assert.Empty(diagnostic.Errors);
        Assert.Empty(diagnostic.Warnings);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Equal("3.1.1", json["openapi"]!.GetValue<string>());
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        // The API itself stays closed: documenting it opened nothing.
        var api = await factory.CreateClient().GetAsync("/api/security/key-managers");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Every_route_the_app_maps_is_in_the_document()
    {
        var (document, _, _) = await OpenApiReading.GetAsync(factory.CreateClient());

        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var documented = endpoints.Where(EndpointReader.IsDocumented).ToList();
        Assert.True(documented.Count >= 30, $"only {documented.Count} endpoints found");
        foreach (var endpoint in documented)
        {
            var path = RoutePaths.OpenApiPath(endpoint.RoutePattern);
            Assert.True(document.Paths.TryGetValue(path, out var item), $"{path} is missing");
            foreach (var method in EndpointReader.Methods(endpoint))
            {
                Assert.True(item!.Operations?.ContainsKey(OpenApiReading.Method(method)) == true, $"{method} {path} is missing");
            }
        }
        // Left out only: the reference page's own routes (they carry ExcludeFromDescription).
        Assert.All(endpoints.Except(documented), e => Assert.StartsWith("/docs/api", e.RoutePattern.RawText));
        var operations = document.Paths.Sum(p => p.Value.Operations?.Count ?? 0);
        Assert.Equal(documented.Sum(e => EndpointReader.Methods(e).Count), operations);
        Assert.Contains("/api/security/key-managers/{uuid}/key-servers/{server}", document.Paths.Keys);
        Assert.Contains("/docs/api/openapi.json", document.Paths.Keys);
    }

    [Fact]
    public async Task Key_manager_fields_carry_their_type_and_access()
    {
        var (document, _, _) = await OpenApiReading.GetAsync(factory.CreateClient());

        var km = document.Components!.Schemas!["security_key_manager"];
        foreach (var field in KeyManagerSchema.Schema.Fields)
        {
            Assert.NotNull(Property(km, field.Path));
        }
        Assert.Equal(JsonSchemaType.String, Property(km, "uuid").Type);
        Assert.True(Property(km, "uuid").ReadOnly);
        Assert.True(Property(km, "onboard.passphrase").WriteOnly);
        Assert.True(Property(km, "onboard.existing_passphrase").WriteOnly);
        Assert.False(Property(km, "onboard.passphrase").ReadOnly);
        Assert.Equal(JsonSchemaType.Boolean, Property(km, "onboard.enabled").Type);
        Assert.True(Property(km, "onboard.enabled").ReadOnly);
        Assert.Equal(JsonSchemaType.Integer, Property(km, "status.code").Type);
        Assert.Equal(JsonSchemaType.Array, Property(km, "external.servers").Type);
        Assert.True(Property(document.Components.Schemas["key_server"], "password").WriteOnly);
        Assert.True(Property(document.Components.Schemas["security_certificate"], "private_key").WriteOnly);
        Assert.Equal(JsonSchemaType.Array, Property(document.Components.Schemas["security_certificate"], "intermediate_certificates").Type);
    }

    [Fact]
    public async Task Collection_get_lists_every_control_parameter_and_a_filter_per_readable_field()
    {
        var (document, _, _) = await OpenApiReading.GetAsync(factory.CreateClient());

        var list = document.Paths["/api/security/key-managers"].Operations![HttpMethod.Get];
        var names = list.Parameters!.Where(p => p.In == ParameterLocation.Query).Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string?> { "fields", "max_records", "return_records", "return_timeout", "order_by" }, names);
        var readable = KeyManagerSchema.Schema.Fields.Where(f => f.Kind != FieldKind.Object && f.IsReadable).Select(f => f.Path).ToList();
        Assert.Superset(readable.ToHashSet<string?>(), names);
        Assert.DoesNotContain("onboard.passphrase", names);
        var instance = document.Paths["/api/security/key-managers/{uuid}"].Operations![HttpMethod.Get];
        Assert.Equal(["uuid", "fields", "return_timeout"], instance.Parameters!.Select(p => p.Name));
    }

    [Fact]
    public async Task The_service_accepts_every_documented_query_parameter_and_refuses_others()
    {
        // The document is read from the same schemas the service validates with: ask the service to agree.
        var (document, _, _) = await OpenApiReading.GetAsync(factory.CreateClient());
        var admin = factory.Admin();
        var collections = document.Paths.Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal) && !p.Key.Contains('{', StringComparison.Ordinal));
        var checkedAny = 0;
        foreach (var (path, item) in collections)
        {
            if (item.Operations?.GetValueOrDefault(HttpMethod.Get) is not { } get || get.Parameters!.All(p => p.Name != "max_records"))
            {
                continue;
            }
            foreach (var parameter in get.Parameters!.Where(p => p.In == ParameterLocation.Query))
            {
                var value = parameter.Name switch
                {
                    "fields" => "*",
                    "max_records" => "5",
                    "return_records" => "true",
                    "return_timeout" => "15",
                    "order_by" => get.Parameters!.First(p => p.In == ParameterLocation.Query && p.Name is not ("fields" or "max_records" or "return_records" or "return_timeout" or "order_by")).Name,
                    _ => "!null",
                };
                var got = await admin.GetJsonAsync($"{path}?{Uri.EscapeDataString(parameter.Name!)}={Uri.EscapeDataString(value!)}");
                Assert.True(got.Status == HttpStatusCode.OK, $"{path}?{parameter.Name}={value}: {got.Status} {got.Body?.ToJsonString()}");
                checkedAny++;
            }
            var refused = await admin.GetJsonAsync($"{path}?not_a_documented_parameter=1");
            refused.AssertError(HttpStatusCode.BadRequest, "262179");
        }
        Assert.True(checkedAny > 50, $"only {checkedAny} parameters checked");
    }

    [Fact]
    public async Task Every_error_of_the_table_is_listed_with_its_status()
    {
        var (document, _, json) = await OpenApiReading.GetAsync(factory.CreateClient());

        var table = json["x-ontap-errors"]!.AsArray().Select(e => (e!["name"]!.GetValue<string>(), e["status"]!.GetValue<int>(), e["code"]!.GetValue<string>())).ToHashSet();
        var fields = typeof(OntapErrors).GetFields().Where(f => f.FieldType == typeof(OntapError)).ToList();
        Assert.True(fields.Count > 50);
        foreach (var field in fields)
        {
            var error = (OntapError)field.GetValue(null)!;
            Assert.Contains((field.Name, error.Status, error.Code), table);
        }
        var codes = document.Components!.Schemas!["error_response"].Properties!["error"].Properties!["code"].Enum!.Select(c => c!.GetValue<string>()).ToHashSet();
        Assert.Contains(OntapErrors.PassphraseIncorrect.Code, codes);
        Assert.Contains(OntapErrors.UnexpectedArgument.Code, codes);
        Assert.Contains("65536139", document.Info.Description);
    }

    /// <summary>A property by dotted path, through arrays' items.</summary>
    private static IOpenApiSchema Property(IOpenApiSchema schema, string path)
    {
        var current = schema;
        foreach (var name in path.Split('.'))
        {
            if (current.Type == JsonSchemaType.Array)
            {
                current = current.Items!;
            }
            Assert.True(current.Properties?.ContainsKey(name) == true, $"{path}: no {name}");
            current = current.Properties![name];
        }
        return current;
    }

    public void Dispose() => factory.Dispose();
}
