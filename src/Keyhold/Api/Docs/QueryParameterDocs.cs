using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Api.Docs;

/// <summary>
/// The query parameters each kind of endpoint accepts, as the Ontap core parses them (<see cref="CollectionQuery"/>
/// for collections, <c>OntapInstance</c> for records, <c>OntapBody.ValidateQuery</c> for writes); anything else
/// is refused with 262179.
/// </summary>
public static class QueryParameterDocs
{
    public static JsonArray For(DocumentedEndpoint endpoint)
    {
        var parameters = new JsonArray();
        foreach (var p in PathParameters(endpoint))
        {
            parameters.Add(p);
        }
        if (endpoint.Schema is not { } schema)
        {
            return parameters;
        }
        var read = endpoint.Method is "GET" or "HEAD";
        switch (endpoint.Role)
        {
            case EndpointRole.Collection when read:
                parameters.Add(Fields());
                parameters.Add(Query(QueryParameters.MaxRecords, new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
                    "Largest number of records in this answer; `_links.next` carries the rest of the query."));
                parameters.Add(ReturnRecords());
                parameters.Add(ReturnTimeout());
                parameters.Add(Query(QueryParameters.OrderBy, new JsonObject { ["type"] = "string" },
                    "Comma-separated `field [asc|desc]` terms. Orderable fields: " + string.Join(", ", Filterable(schema).Select(f => $"`{f.Path}`")) + "."));
                AddFilters(parameters, schema);
                break;
            case EndpointRole.Collection when endpoint.Method is "PATCH" or "DELETE":
                parameters.Add(ReturnRecords());
                parameters.Add(ReturnTimeout());
                AddFilters(parameters, schema);
                break;
            case EndpointRole.Instance or EndpointRole.Singleton when read:
                parameters.Add(Fields());
                parameters.Add(ReturnTimeout());
                break;
            default:
                parameters.Add(ReturnRecords());
                parameters.Add(ReturnTimeout());
                break;
        }
        return parameters;
    }

    /// <summary>Fields a query may filter and order on: readable leaves (write-only ones never match anything).</summary>
    public static IEnumerable<FieldDef> Filterable(ResourceSchema schema) =>
        schema.Fields.Where(f => f.Kind != FieldKind.Object && f.IsReadable);

    private static void AddFilters(JsonArray parameters, ResourceSchema schema)
    {
        foreach (var field in Filterable(schema))
        {
            var type = FieldSchemas.Scalar(field.Kind)["type"]!.GetValue<string>();
            var any = field.InArray ? " Matches when any element of the array matches." : "";
            parameters.Add(Query(field.Path, new JsonObject { ["type"] = "string" },
                $"Filter on `{field.Path}` ({type}): a value, `*` wildcards, `!` negation, `|` alternatives, `<` `>` `<=` `>=`, `a..b` ranges, `null` / `!null`.{any}"));
        }
    }

    private static JsonObject Fields() => Query(QueryParameters.Fields, new JsonObject { ["type"] = "string" },
        "Comma-separated fields to return: `*` every ordinary field, `**` also the expensive ones, dotted names for nested fields.");

    private static JsonObject ReturnRecords() => Query(QueryParameters.ReturnRecords, new JsonObject { ["type"] = "boolean" },
        "`false` answers with the count only; on POST, `true` returns the created records.");

    private static JsonObject ReturnTimeout() => Query(QueryParameters.ReturnTimeout,
        new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = QueryParameters.MaxReturnTimeout },
        $"Seconds to wait before answering with what is ready (0 = no limit, at most {QueryParameters.MaxReturnTimeout}).");

    private static JsonObject Query(string name, JsonObject schema, string description) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["required"] = false,
        ["description"] = description,
        ["schema"] = schema,
    };

    private static IEnumerable<JsonObject> PathParameters(DocumentedEndpoint endpoint)
    {
        var names = endpoint.PathParameters;
        var templates = endpoint.Schema is { } schema ? RoutePaths.Parameters(schema.CollectionPath) : [];
        for (var i = 0; i < names.Count; i++)
        {
            yield return new JsonObject
            {
                ["name"] = names[i],
                ["in"] = "path",
                ["required"] = true,
                ["description"] = PathDescription(endpoint, names[i], i < templates.Count ? templates[i] : null),
                ["schema"] = new JsonObject { ["type"] = "string" },
            };
        }
    }

    private static string PathDescription(DocumentedEndpoint endpoint, string name, string? template)
    {
        if (template is not null)
        {
            return $"`{template}` of the parent resource.";
        }
        if (endpoint.Schema is { } schema && endpoint.Role == EndpointRole.Instance)
        {
            var key = schema.KeyFields.FirstOrDefault(k => Plain(k) == Plain(name)) ?? schema.KeyFields[^1];
            return $"The record's key field `{key}`.";
        }
        return $"`{name}`.";
    }

    private static string Plain(string name) => name.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
}
