namespace Keyhold.Security;

/// <summary>
/// One entry of an account's <c>applications</c>: how it may log in. Keyhold serves REST, so only <c>http</c> (and
/// ONTAPI's <c>ontapi</c>, treated alike) grant access; the others are stored as given, as ONTAP shows them.
/// </summary>
public sealed record AccountApplication(string Application, IReadOnlyList<string> AuthenticationMethods, string? SecondAuthenticationMethod = null)
{
    public const string Http = "http", Ontapi = "ontapi";

    public const string Password = "password", Certificate = "certificate";

    /// <summary>ONTAP's applications and the methods each accepts (security_accounts_endpoint_overview).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedMethods = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["amqp"] = [Password],
        ["console"] = [Password],
        ["service_processor"] = [Password, "publickey"],
        [Http] = [Password, "domain", "nsswitch", Certificate],
        [Ontapi] = [Password, "domain", "nsswitch", Certificate],
        ["ssh"] = [Password, "publickey", "domain", "nsswitch"],
    };

    public static readonly string[] SecondMethods = ["none", Password, "publickey", "nsswitch", "domain", "totp"];

    /// <summary>What a new account gets when the request names no applications: REST with a password.</summary>
    public static readonly IReadOnlyList<AccountApplication> Default = [new(Http, [Password])];

    /// <summary>True when this entry lets the REST API accept <paramref name="method"/>.</summary>
    public bool Allows(string method) => Application is Http or Ontapi && AuthenticationMethods.Contains(method);
}
