using Keyhold.Cluster;
using System.Text.Json.Nodes;
using Keyhold.Api.External;
using Keyhold.Ontap.Schemas;
using Keyhold.Keys;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.KeyManagers;
using Keyhold.Api.KeyManagers;
using Keyhold.Api.Security;

namespace Keyhold.Api;

/// <summary>/api/security/key-managers: thin handlers over the key manager service.</summary>
public static class KeyManagersApi
{
    private static ResourceSchema Schema => KeyManagerSchema.Schema;

    public static RouteGroupBuilder MapKeyManagers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/security/key-managers");
        group.MapGet("/", GetCollection).ForSvmAccounts();
        group.MapPost("/", Create).ForSvmAccounts();
        group.MapPatch("/", ModifyMatching).ForSvmAccounts();
        group.MapDelete("/", DeleteMatching).ForSvmAccounts();
        group.MapGet("/{uuid}", Get).ForSvmAccounts();
        group.MapPatch("/{uuid}", Modify).ForSvmAccounts();
        group.MapDelete("/{uuid}", Delete).ForSvmAccounts();
        return group;
    }

    private static Task<IResult> GetCollection(HttpContext http, KeyManagerRepository repo, KeyManagerReader reader) =>
        OntapCollection.GetAsync(http, Schema, async (plan, ct) =>
        {
            var records = new List<JsonObject>();
            foreach (var km in await repo.QueryAsync(SvmScope.Restrict(http, plan, "km.svm_uuid"), ct))
            {
                records.Add(KeyManagerJson.Build(await reader.ReadAsync(km, Parts(http, plan.Query.Needs), ct), ReadsKeyBackup(plan.Query)));
            }
            return records;
        });

    /// <summary>A filter or order_by on key_backup compares its text: then it is read as a string (the rare, slow way).</summary>
    private static bool ReadsKeyBackup(CollectionQuery query) =>
        query.Filters.Any(f => f.Path == KeyBackupPath) || query.OrderBy.Any(o => o.Path == KeyBackupPath);

    private const string KeyBackupPath = "onboard.key_backup";

    private static KeyManagerParts Parts(HttpContext http, Func<string, bool> wanted) =>
        new(WithKeyBackup(http, wanted), wanted("status.code") || wanted("status.message"), wanted("external.servers.connectivity"));

    /// <summary>
    /// key_backup, with its passphrase, restores every key, and offline it can be attacked without limit: Keyhold gives
    /// it to the cluster admin role only (a Keyhold choice; ONTAP shows it to any reader), never cached on the way.
    /// For others it is as if it were not there, so a filter on it matches nothing and reveals nothing.
    /// </summary>
    private static bool WithKeyBackup(HttpContext http, Func<string, bool> wanted)
    {
        if (!wanted("onboard.key_backup") || BasicAuthentication.Find(http)?.MayReadSecrets != true)
        {
            return false;
        }
        http.Response.Headers.CacheControl = "no-store";
        return true;
    }

    private static async Task<IResult> Get(HttpContext http, string uuid, KeyManagerReader reader, KeyManagerAnswers answers)
    {
        // A kept answer for this very request, while the store has not moved since it was read (docs/scaling.md): its
        // query parsed before (so no 262197 is due) and the caller's role and SVM scope are checked as for any answer.
        var plain = MediaTypes.WantsPlainJson(http.Request);
        var mayReadSecrets = BasicAuthentication.Find(http)?.MayReadSecrets == true;
        var shape = Guid.TryParse(uuid, out var id) ? new KeyManagerAnswers.Shape(id, http.Request.QueryString.Value ?? "", plain, mayReadSecrets) : (KeyManagerAnswers.Shape?)null;
        if (shape is { } asked && await answers.FindAsync(asked, http.RequestAborted) is { } kept)
        {
            SvmScope.Check(http, kept.Svm);
            return Answer(http, kept, plain);
        }

        // An unknown uuid wins over a bad `fields` (404 before 262197).
        var fields = TryParseFields(http);
        // The key_backup an admin asks for is refreshed in the same read as the row (one read transaction per GET).
        var withKeyBackup = fields is not null && fields.Includes(KeyBackupPath) && mayReadSecrets;
        var found = shape is not null ? await reader.FindAsync(id, withKeyBackup, http.RequestAborted) : null;
        if (found is null)
        {
            throw new OntapException(OntapErrors.EntryNotFound, "uuid");
        }
        SvmScope.Check(http, found.Km.SvmUuid);
        fields ??= InstanceFields.Parse(http, Schema); // throws the parse error
        var record = await reader.ReadAsync(found, Parts(http, fields.Includes), http.RequestAborted);
        var json = KeyManagerJson.Build(record);
        var selection = OntapInstance.Selection(http, Schema); // throws for an unexpected parameter
        return answers.Keep(shape!.Value, record, json, selection) is { } answer
            ? Answer(http, answer, plain)
            : OntapInstance.Get(http, Schema, json);
    }

    private static KeptAnswerResult Answer(HttpContext http, KeyManagerAnswers.Answer answer, bool plain)
    {
        if (answer.WithKeyBackup)
        {
            http.Response.Headers.CacheControl = "no-store";
        }
        return new KeptAnswerResult(answer, plain);
    }

    private static FieldSelection? TryParseFields(HttpContext http)
    {
        try
        {
            return InstanceFields.Parse(http, Schema);
        }
        catch (OntapException)
        {
            return null;
        }
    }

    private static async Task<IResult> Create(HttpContext http, KeyManagerService service, KeyManagerReader reader, SvmRepository svms)
    {
        // create_inactive exists from 9.16.1; before, it is an unexpected argument like any other.
        var withInactive = ClusterRelease.Of(http) >= KeyManagerSchema.CreateInactiveSince;
        OntapBody.ValidateQuery(http, withInactive ? [KeyManagerSchema.CreateInactive] : []);
        var inactive = withInactive && http.Request.Query[KeyManagerSchema.CreateInactive].LastOrDefault() is { } flag
            && QueryValues.Boolean(KeyManagerSchema.CreateInactive, flag);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Create);
        var command = CreateCommand(body) with { Inactive = inactive };
        // An SVM administrator configures its own SVM's key manager only (never the cluster's).
        var (svmUuid, svmName) = await SvmScope.OwnSvmAsync(http, command.Svm.Uuid, command.Svm.Name, svms);
        var km = await service.CreateAsync(command with { Svm = new SvmSelector(svmUuid, svmName) }, http.RequestAborted);
        var record = KeyManagerJson.Build(await reader.ReadAsync(km, KeyManagerParts.None, http.RequestAborted));
        return OntapResults.Created(http, KeyManager.Href(km.Uuid), record);
    }

    private static CreateKeyManager CreateCommand(JsonObject body) => new(
        new SvmSelector(body.GetString("svm.uuid"), body.GetString("svm.name")),
        body.GetString("scope"),
        OnboardPartOf(body),
        body["external"] is JsonObject ? ExternalBody.ToEnable(body) : null,
        Policy: body.GetString("policy"));

    private static ModifyKeyManager ModifyCommand(JsonObject body) => new(
        OnboardPartOf(body),
        body["external"] is JsonObject ? ExternalBody.ToModify(body) : null,
        body.GetBool("is_default_data_at_rest_encryption_disabled"));

    private static OnboardPart? OnboardPartOf(JsonObject body) => body["onboard"] is JsonObject
        ? new OnboardPart(body.GetString("onboard.passphrase"), body.GetString("onboard.existing_passphrase"), body.GetBool("onboard.synchronize") ?? false)
        : null;

    private static async Task<IResult> Modify(HttpContext http, string uuid, KeyManagerRepository repo, KeyManagerService service)
    {
        OntapBody.ValidateQuery(http);
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Modify);
        var km = await FindAsync(http, repo, uuid, http.RequestAborted);
        await service.ModifyAsync(km, ModifyCommand(body), http.RequestAborted);
        return OntapResults.Ok(http);
    }

    private static async Task<IResult> Delete(HttpContext http, string uuid, KeyManagerRepository repo, KeyManagerService service)
    {
        OntapBody.ValidateQuery(http);
        var km = await FindAsync(http, repo, uuid, http.RequestAborted);
        await service.DeleteAsync(km, http.RequestAborted);
        return OntapResults.Ok(http);
    }

    private static async Task<IResult> ModifyMatching(HttpContext http, KeyManagerRepository repo, KeyManagerService service, KeyManagerReader reader)
    {
        var body = await OntapBody.ReadAsync(http, Schema, Operation.Modify);
        var command = ModifyCommand(body);
        foreach (var km in await MatchAsync(http, repo, reader))
        {
            await service.ModifyAsync(km, command, http.RequestAborted);
        }
        return OntapResults.Ok(http);
    }

    private static async Task<IResult> DeleteMatching(HttpContext http, KeyManagerRepository repo, KeyManagerService service, KeyManagerReader reader)
    {
        foreach (var km in await MatchAsync(http, repo, reader))
        {
            await service.DeleteAsync(km, http.RequestAborted);
        }
        return OntapResults.Ok(http);
    }

    /// <summary>
    /// What a PATCH or DELETE of the collection reaches: the key managers its query matches, enabled configurations only
    /// (<see cref="InactiveConfigurations"/>: an inactive one is reached by its uuid or through /api/security/key-stores).
    /// </summary>
    private static async Task<List<KeyManager>> MatchAsync(HttpContext http, KeyManagerRepository repo, KeyManagerReader reader)
    {
        var all = new Dictionary<string, KeyManager>();
        var matched = await OntapCollection.MatchAsync(http, Schema, async (plan, ct) =>
        {
            var records = new List<JsonObject>();
            foreach (var km in (await repo.QueryAsync(SvmScope.Restrict(http, plan, "km.svm_uuid"), ct)).Where(InactiveConfigurations.IsKeyManagerOfItsSvm))
            {
                all[km.Uuid.ToString()] = km;
                records.Add(KeyManagerJson.Build(await reader.ReadAsync(km, Parts(http, plan.Query.Needs), ct), keyBackupAsText: true));
            }
            return records;
        });
        return matched.Select(r => all[r["uuid"]!.GetValue<string>()]).ToList();
    }

    private static async Task<KeyManager> FindAsync(HttpContext http, KeyManagerRepository repo, string uuid, CancellationToken ct)
    {
        var km = (Guid.TryParse(uuid, out var id) ? await repo.FindAsync(id, ct) : null)
            ?? throw new OntapException(OntapErrors.EntryNotFound, "uuid");
        SvmScope.Check(http, km.SvmUuid);
        return km;
    }
}
