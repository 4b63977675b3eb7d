using System.Text.Json;

namespace Keyhold.Security;

/// <summary>The users.applications column: the account's applications as a JSON array, in ONTAP's field names.</summary>
public static class ApplicationsColumn
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(IReadOnlyList<AccountApplication> applications) => JsonSerializer.Serialize(applications, Options);

    public static IReadOnlyList<AccountApplication> Read(string? text) =>
        string.IsNullOrEmpty(text) ? AccountApplication.Default : JsonSerializer.Deserialize<List<AccountApplication>>(text, Options) ?? [];
}
