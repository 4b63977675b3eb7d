using System.Reflection;
using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Api.Docs;

/// <summary>
/// Assembles the OpenAPI 3.1 document from the endpoints the application maps, the resource schemas that
/// validate them and the error table: nothing in it is written by hand, so it cannot drift from the behaviour.
/// </summary>
public static class OpenApiBuilder
{
    public const string Version = "3.1.1";

    /// <param name="release">The ONTAP release the cluster answers as; null documents every endpoint and field.</param>
    public static JsonObject Build(IEnumerable<Endpoint> endpoints, SchemaCatalog catalog, OntapVersion? release = null)
    {
        var documented = EndpointReader.Read(endpoints, catalog, release);
        var paths = new JsonObject();
        foreach (var endpoint in documented)
        {
            if (paths[endpoint.Path] is not JsonObject item)
            {
                paths[endpoint.Path] = item = [];
            }
            item[endpoint.Method.ToLowerInvariant()] = OperationDocs.Build(endpoint);
        }
        return new JsonObject
        {
            ["openapi"] = Version,
            ["info"] = new JsonObject
            {
                ["title"] = "Keyhold",
                ["version"] = ServiceVersion(),
                ["summary"] = "NetApp ONTAP's REST API for key managers.",
                ["description"] = Description(),
            },
            ["tags"] = Tags(documented),
            ["paths"] = paths,
            ["components"] = Components(documented),
            ["x-ontap-errors"] = ErrorDocs.Table(),
        };
    }

    private static JsonArray Tags(IReadOnlyList<DocumentedEndpoint> endpoints)
    {
        var tags = new JsonArray();
        foreach (var group in endpoints.GroupBy(OperationDocs.Tag))
        {
            var schema = group.Select(e => e.Schema).FirstOrDefault(s => s is not null);
            tags.Add(new JsonObject
            {
                ["name"] = group.Key,
                ["description"] = schema is null ? $"`/{group.Key}`" : $"`{schema.CollectionPath}`",
            });
        }
        return tags;
    }

    private static JsonObject Components(IReadOnlyList<DocumentedEndpoint> endpoints)
    {
        var schemas = new JsonObject
        {
            [OpenApiRefs.LinksSchema] = Links(),
            [OpenApiRefs.ErrorSchema] = ErrorDocs.Schema(),
            [OpenApiRefs.JobSchema] = Job(),
            [OpenApiRefs.CountSchema] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["num_records"] = new JsonObject { ["type"] = "integer" } },
            },
        };
        foreach (var schema in endpoints.Select(e => e.Schema).OfType<ResourceSchema>().Distinct())
        {
            schemas[schema.Name] = FieldSchemas.Record(schema);
            schemas[OpenApiRefs.Collection(schema.Name)] = Collection(schema);
        }
        return new JsonObject
        {
            ["schemas"] = schemas,
            ["responses"] = new JsonObject { [OpenApiRefs.ErrorResponse] = ErrorDocs.Response() },
            ["securitySchemes"] = new JsonObject
            {
                [OpenApiRefs.BasicAuth] = new JsonObject
                {
                    ["type"] = "http",
                    ["scheme"] = "basic",
                    ["description"] = "Every `/api` call: an account's name and password (or a client certificate).",
                },
            },
        };
    }

    private static JsonObject Collection(ResourceSchema schema) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["records"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = OpenApiRefs.Schema(schema.Name) } },
            ["num_records"] = new JsonObject { ["type"] = "integer" },
            ["_links"] = new JsonObject { ["$ref"] = OpenApiRefs.Schema(OpenApiRefs.LinksSchema) },
        },
    };

    private static JsonObject Links()
    {
        var href = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["href"] = new JsonObject { ["type"] = "string" } },
        };
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "HAL links; with `Accept: application/json` only `next` is sent.",
            ["properties"] = new JsonObject { ["self"] = href, ["next"] = href.DeepClone() },
        };
    }

    private static JsonObject Job() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["job"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["uuid"] = new JsonObject { ["type"] = "string", ["description"] = "Poll `/api/cluster/jobs/{uuid}`." },
                    ["_links"] = new JsonObject { ["$ref"] = OpenApiRefs.Schema(OpenApiRefs.LinksSchema) },
                },
            },
        },
    };

    private static string Description() =>
        "Keyhold speaks ONTAP's REST conventions: `fields` (`*`, `**`, dotted names), a filter on every readable field, " +
        "`order_by`, `max_records` with `_links.next`, `return_records`, `return_timeout`, query-based PATCH and DELETE on " +
        "collections, and errors as `{\"error\":{\"message\",\"code\",\"target\"}}`. Every `/api` call needs HTTP Basic " +
        "authentication. Read-only fields sent in a body are refused; write-only fields (passphrases, passwords, private keys) " +
        "are never returned.\n\n## Errors\n\n" + ErrorDocs.Markdown();

    private static string ServiceVersion() =>
        typeof(OpenApiBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(OpenApiBuilder).Assembly.GetName().Version?.ToString()
        ?? "0";
}
