using Keyhold.Api.Ontap;
using Keyhold.Ontap;

namespace Keyhold.Api;

/// <summary>The fields an instance GET asks for: every ordinary field unless `fields` narrows it.</summary>
public static class InstanceFields
{
    public static FieldSelection Parse(HttpContext http, ResourceSchema schema) => Parse(http.Request.Query, ClusterRelease.Schema(http, schema));

    private static FieldSelection Parse(IQueryCollection query, ResourceSchema schema) =>
        query.TryGetValue("fields", out var fields)
            ? FieldSelection.Parse(string.Join(',', fields.ToArray()), schema)
            : FieldSelection.All(schema);
}
