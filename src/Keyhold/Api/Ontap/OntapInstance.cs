using System.Text.Json.Nodes;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>GET of one record: <c>fields</c> (default <c>*</c>) and <c>return_timeout</c> are the only parameters.</summary>
public static class OntapInstance
{
    /// <summary>200 with the selected fields of <paramref name="fullRecord"/>, a record built for this response (it is written, not copied).</summary>
    public static OntapProjectedResult Get(HttpContext http, ResourceSchema schema, JsonObject fullRecord) =>
        OntapProjectedResult.Instance(Selection(http.Request.Query, schema), fullRecord);

    /// <summary>Validates an instance GET query and returns its selection (for resources that build the record lazily).</summary>
    public static FieldSelection Selection(IQueryCollection query, ResourceSchema schema)
    {
        FieldSelection? selection = null;
        foreach (var (name, values) in query)
        {
            if (name == QueryParameters.Fields)
                selection = values.Any(v => !string.IsNullOrWhiteSpace(v)) ? FieldSelection.ParseMany(values, schema) : null;
            else if (name == QueryParameters.ReturnTimeout)
                QueryValues.ReturnTimeout(values.Count > 0 ? values[^1] : null);
            else
                throw OntapErrors.UnexpectedArgument.With(name, name);
        }

        return selection ?? schema.AllFields;
    }
}
