using Keyhold.Ontap;

namespace Keyhold.Api;

/// <summary>The fields an instance GET asks for: every ordinary field unless `fields` narrows it.</summary>
public static class InstanceFields
{
    public static FieldSelection Parse(HttpContext http, ResourceSchema schema) =>
        http.Request.Query.TryGetValue("fields", out var fields)
            ? FieldSelection.Parse(string.Join(',', fields.ToArray()), schema)
            : FieldSelection.All(schema);
}
