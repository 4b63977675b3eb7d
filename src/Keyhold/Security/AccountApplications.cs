namespace Keyhold.Security;

/// <summary>
/// An account's applications and the authentication methods each allows (ONTAP's <c>applications</c>:
/// <c>[{"application":"http","authentication_methods":["password","certificate"]}]</c>), stored on the account row as
/// <c>http:password,certificate;ontapi:password</c>. Rows from before have <see cref="Default"/>: password for http and ontapi.
/// </summary>
public sealed record AccountApplications(IReadOnlyDictionary<string, IReadOnlyList<string>> Methods)
{
    public const string Http = "http", Ontapi = "ontapi", Password = "password", Certificate = "certificate";

    public static readonly AccountApplications Default = Parse("http:password;ontapi:password");

    public bool Allows(string application, string method) =>
        Methods.TryGetValue(application, out var methods) && methods.Contains(method, StringComparer.Ordinal);

    public static AccountApplications Parse(string? stored) =>
        string.IsNullOrEmpty(stored)
            ? Default
            : new(stored.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(a => a.Split(':', 2))
                .ToDictionary(a => a[0], a => (IReadOnlyList<string>)(a.Length > 1 ? a[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : []), StringComparer.Ordinal));

    public override string ToString() => string.Join(';', Methods.Select(a => a.Key + ":" + string.Join(',', a.Value)));
}
