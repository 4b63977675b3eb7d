using Keyhold.Api.Accounts;
using Keyhold.Api.Ontap;
using Keyhold.Api.Security;
using Keyhold.Ontap;
using Keyhold.Security;

namespace Keyhold.Api;

/// <summary>
/// POST /api/security/authentication/password (ONTAP 9.6+, CLI `security login password`): a cluster admin sets any
/// account's password; every other account, readers and SVM administrators included, only its own.
/// </summary>
public static class AccountPasswordApi
{
    public const string Path = "/api/security/authentication/password";

    /// <summary>The body ONTAP documents: name, owner (for a cluster admin), the new password and its hash algorithm.</summary>
    public static readonly ResourceSchema Schema = new(
        "account_password",
        Path,
        [],
        [
            new("name", FieldKind.String, FieldAccess.Create),
            new("owner", FieldKind.Object, FieldAccess.Create),
            new("owner.uuid", FieldKind.String, FieldAccess.Create),
            new("owner.name", FieldKind.String, FieldAccess.Create),
            new("password", FieldKind.String, FieldAccess.Create | FieldAccess.WriteOnly),
            // Accepted for ONTAP's clients; Keyhold always stores salted PBKDF2-HMAC-SHA256 (see docs/accounts.md).
            new("password_hash_algorithm", FieldKind.String, FieldAccess.Create),
        ],
        "name");

    private static readonly string[] HashAlgorithms = ["sha512", "sha256", "md5"];

    public static RouteHandlerBuilder MapAccountPassword(this IEndpointRouteBuilder routes) =>
        routes.MapPost(Path, ChangeAsync).ForSvmAccounts().ForEveryAccount();

    private static async Task<IResult> ChangeAsync(HttpContext http, AccountService service)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        if (body.GetString("password_hash_algorithm") is { } algorithm && !HashAlgorithms.Contains(algorithm))
        {
            throw OntapErrors.InvalidFieldValue.With("password_hash_algorithm", algorithm, "password_hash_algorithm");
        }
        var caller = BasicAuthentication.Current(http);
        var command = new ChangePassword(body.GetString("name"), body.GetString("owner.uuid"), body.GetString("owner.name"), body.GetString("password"));
        var account = await service.ChangePasswordAsync(caller, command, http.RequestAborted);
        return OntapResults.Created(http, AccountJson.Href(account.SvmUuid ?? service.ClusterUuid, account.Name), null);
    }
}
