using Microsoft.AspNetCore.Http.Features;
using Keyhold.Onboard;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Keys;
using Keyhold.KeyManagers;
using Keyhold.Api.KeyManagers;
using Keyhold.Security;

using Keyhold.Api.Security;

namespace Keyhold.Api;

/// <summary>
/// POST /api/security/key-managers/onboard/recover (a Keyhold extension named after the CLI's
/// `security key-manager onboard recover`): rebuilds the onboard key manager from a key_backup and its passphrase.
/// A path of its own, so the ONTAP key-managers resource keeps its meaning (key_backup stays read-only there).
/// </summary>
public static class OnboardRecoverApi
{
    public const string Path = "/api/security/key-managers/onboard/recover";

    private static readonly ResourceSchema Schema = new(
        "onboard_recover",
        Path,
        [],
        [
            new("onboard", FieldKind.Object, FieldAccess.Create),
            new("onboard.passphrase", FieldKind.String, FieldAccess.Create | FieldAccess.WriteOnly),
            new("onboard.key_backup", FieldKind.String, FieldAccess.Create | FieldAccess.WriteOnly),
        ],
        "1");

    /// <summary>The largest armoured backup, JSON-escaped (each newline becomes two characters), and room for the rest.</summary>
    private const int MaxBodyBytes = (int)(BackupLimits.MaxArmouredChars * 1.05) + (64 * 1024);

    public static RouteHandlerBuilder MapOnboardRecover(this IEndpointRouteBuilder routes) => routes.MapPost(Path, Recover);

    private static async Task<IResult> Recover(HttpContext http, OnboardRecoveryService recovery, KeyManagerReader reader)
    {
        // Recovery replaces the cluster's key hierarchy: cluster administrators only.
        if (BasicAuthentication.Current(http).Role != Account.Admin)
        {
            throw OntapErrors.Forbidden.With();
        }
        OntapBody.ValidateQuery(http);
        // A key_backup grows with the keys (about 430 bytes of JSON per key): the largest one a backup may be, not the
        // 1 MiB of other bodies (about 2,400 keys). Only an authenticated administrator gets this far.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrelLimit)
        {
            kestrelLimit.MaxRequestBodySize = MaxBodyBytes;
        }
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create, MaxBodyBytes);
        var passphrase = body.GetString("onboard.passphrase") ?? throw OntapErrors.MissingField.With("onboard.passphrase", "onboard.passphrase");
        var backup = body.GetString("onboard.key_backup") ?? throw OntapErrors.MissingField.With("onboard.key_backup", "onboard.key_backup");
        var result = await recovery.RecoverAsync(backup, passphrase, http.RequestAborted);
        var km = await reader.ReadAsync(result.KeyManager, KeyManagerParts.None, http.RequestAborted);
        var record = KeyManagerJson.Build(km);
        return OntapResults.Created(http, KeyManager.Href(result.KeyManager.Uuid), record);
    }
}
