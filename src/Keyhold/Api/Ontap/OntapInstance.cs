using System.Text.Json.Nodes;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>GET of one record: <c>fields</c> (default <c>*</c>) and <c>return_timeout</c> are the only parameters.</summary>
public static class OntapInstance
{
    /// <summary>200 with the selected fields of <paramref name="fullRecord"/>, a record built for this response (it is written, not copied).</summary>
    public static OntapProjectedResult Get(HttpContext http, ResourceSchema schema, JsonObject fullRecord) =>
        OntapProjectedResult.Instance(Selection(http, schema), fullRecord);

    /// <summary>
    /// GET of a singleton such as /api/cluster. Ansible's na_ontap_rest_info sends <c>max_records</c> to every subset,
    /// singletons included, and fails the whole run on a 262179; so it is checked as a number and otherwise ignored.
    /// </summary>
    public static OntapProjectedResult GetSingleton(HttpContext http, ResourceSchema schema, JsonObject fullRecord) =>
        OntapProjectedResult.Instance(Selection(http, schema, singleton: true), fullRecord);

    /// <summary>Validates an instance GET query and returns its selection (for resources that build the record lazily).</summary>
    public static FieldSelection Selection(HttpContext http, ResourceSchema schema, bool singleton = false)
    {
        var query = http.Request.Query;
        schema = ClusterRelease.Schema(http, schema);
        FieldSelection? selection = null;
        foreach (var (name, values) in query)
        {
            if (name == QueryParameters.Fields)
                selection = values.Any(v => !string.IsNullOrWhiteSpace(v)) ? FieldSelection.ParseMany(values, schema) : null;
            else if (name == QueryParameters.ReturnTimeout)
                QueryValues.ReturnTimeout(values.Count > 0 ? values[^1] : null);
            else if (singleton && name == QueryParameters.MaxRecords)
                QueryValues.Integer(name, values.Count > 0 ? values[^1] : null, 1, int.MaxValue);
            else
                throw OntapErrors.UnexpectedArgument.With(name, name);
        }

        return selection ?? schema.AllFields;
    }
}
