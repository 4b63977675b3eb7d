using System.Text;
using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Api.Docs;

/// <summary>One OpenAPI operation: summary, parameters, body and answers, from the endpoint and its schema.</summary>
public static class OperationDocs
{
    public static JsonObject Build(DocumentedEndpoint endpoint)
    {
        var operation = new JsonObject
        {
            ["operationId"] = OperationId(endpoint),
            ["summary"] = Summary(endpoint),
            ["tags"] = new JsonArray { Tag(endpoint) },
            ["parameters"] = QueryParameterDocs.For(endpoint),
        };
        if (endpoint.Schema is { } schema && endpoint.Method is "POST" or "PATCH")
        {
            // One schema for both directions: readOnly fields are left out of requests, writeOnly ones out of answers.
            operation["requestBody"] = new JsonObject
            {
                // An empty body reads as {}; the service names a missing field itself (262186).
                ["required"] = false,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(schema.Name) } },
            };
        }
        operation["responses"] = Responses(endpoint);
        if (endpoint.Path.StartsWith("/api/", StringComparison.Ordinal) || endpoint.Path == "/api")
        {
            operation["security"] = new JsonArray { new JsonObject { [OpenApiRefs.BasicAuth] = new JsonArray() } };
        }
        return operation;
    }

    /// <summary>The tag an endpoint is listed under: its resource, or the first segment of its path.</summary>
    public static string Tag(DocumentedEndpoint endpoint) => endpoint.Schema is { } schema
        ? Label(schema)
        : endpoint.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "home";

    public static string Label(ResourceSchema schema) => schema.Name.Replace('_', ' ');

    private static string Summary(DocumentedEndpoint endpoint)
    {
        if (endpoint.Schema is not { } schema)
        {
            return $"{endpoint.Method} {endpoint.Path}";
        }
        var label = Label(schema);
        return (endpoint.Role, endpoint.Method) switch
        {
            (EndpointRole.Collection, "GET") => $"List {label} records",
            (EndpointRole.Collection, "POST") => $"Create a {label}",
            (EndpointRole.Collection, "PATCH") => $"Modify every matching {label}",
            (EndpointRole.Collection, "DELETE") => $"Delete every matching {label}",
            (EndpointRole.Instance, "GET") => $"Get a {label}",
            (EndpointRole.Instance, "PATCH") => $"Modify a {label}",
            (EndpointRole.Instance, "DELETE") => $"Delete a {label}",
            (EndpointRole.Singleton, "GET") => $"Get the {label}",
            (EndpointRole.Singleton, "POST") => $"Run {label}",
            _ => $"{endpoint.Method} {endpoint.Path}",
        };
    }

    private static string OperationId(DocumentedEndpoint endpoint)
    {
        var id = new StringBuilder(endpoint.Method.ToLowerInvariant());
        foreach (var c in endpoint.Path)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }
        return id.ToString().TrimEnd('_');
    }

    private static JsonObject Responses(DocumentedEndpoint endpoint)
    {
        var responses = new JsonObject();
        if (endpoint.Schema is not { } schema)
        {
            responses["200"] = new JsonObject { ["description"] = "OK" };
            return responses;
        }
        switch (endpoint.Method)
        {
            case "GET" when endpoint.Role == EndpointRole.Collection:
                responses["200"] = Answer("The matching records, `num_records` and `_links` (`next` while more remain).", Ref(OpenApiRefs.Collection(schema.Name)));
                break;
            case "GET":
                responses["200"] = Answer("The record with the selected fields.", Ref(schema.Name));
                break;
            case "POST":
                responses["201"] = Created(schema, endpoint.Role);
                responses["202"] = Answer("A long operation was started: follow the job.", Ref(OpenApiRefs.JobSchema));
                break;
            default:
                responses["200"] = Answer("Done; a query-based change answers with `num_records`.", Ref(OpenApiRefs.CountSchema));
                responses["202"] = Answer("A long operation was started: follow the job.", Ref(OpenApiRefs.JobSchema));
                break;
        }
        responses["default"] = new JsonObject { ["$ref"] = OpenApiRefs.Response(OpenApiRefs.ErrorResponse) };
        return responses;
    }

    private static JsonObject Created(ResourceSchema schema, EndpointRole role)
    {
        // An action (a schema without key fields, e.g. migrate or recover) creates something of another resource:
        // only Location is promised.
        var created = role == EndpointRole.Collection
            ? Answer("Created; with `return_records=true` the created records.", Ref(OpenApiRefs.Collection(schema.Name)))
            : new JsonObject { ["description"] = "Done; `Location` names the resulting record." };
        created["headers"] = new JsonObject
        {
            ["Location"] = new JsonObject { ["description"] = "The created record's path.", ["schema"] = new JsonObject { ["type"] = "string" } },
        };
        return created;
    }

    private static JsonObject Answer(string description, JsonObject schema) => new()
    {
        ["description"] = description,
        ["content"] = OpenApiContent.Json(schema),
    };

    private static JsonObject Ref(string component) => new() { ["$ref"] = OpenApiRefs.Schema(component) };
}
