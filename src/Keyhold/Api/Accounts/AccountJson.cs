using System.Text.Json.Nodes;
using Keyhold.Ontap;
using Keyhold.Security;

namespace Keyhold.Api.Accounts;

/// <summary>An account as /api/security/accounts shows it (ONTAP's field names; never the password or its hash).</summary>
public static class AccountJson
{
    public const string Collection = "/api/security/accounts";

    public static string Href(Guid owner, string name) => OntapLinks.Instance(Collection, owner.ToString(), name);

    public static JsonObject ToJson(this AccountDetails account, Guid clusterUuid, string clusterName, DateTimeOffset now)
    {
        var owner = account.SvmUuid ?? clusterUuid;
        var record = new JsonObject
        {
            ["owner"] = account.SvmUuid is { } svm ? SvmReference.Of(svm, account.SvmName ?? "") : new JsonObject { ["uuid"] = clusterUuid.ToString(), ["name"] = clusterName },
            ["name"] = account.Name,
            ["scope"] = account.Scope,
            ["role"] = new JsonObject { ["name"] = account.Role, ["_links"] = OntapLinks.Self(RoleJson.Href(owner, account.Role)) },
            ["applications"] = Applications(account.Applications),
            ["locked"] = account.IsLocked(now),
            ["_links"] = OntapLinks.Self(Href(owner, account.Name)),
        };
        if (account.Comment is not null)
        {
            record["comment"] = account.Comment;
        }
        return record;
    }

    private static JsonArray Applications(IReadOnlyList<AccountApplication> applications)
    {
        var array = new JsonArray();
        foreach (var app in applications)
        {
            var methods = new JsonArray();
            foreach (var method in app.AuthenticationMethods)
            {
                methods.Add(method);
            }
            // ONTAP always returns second_authentication_method ("none" when unset); Ansible's na_ontap_user relies on it.
            array.Add(new JsonObject
            {
                ["application"] = app.Application,
                ["authentication_methods"] = methods,
                ["second_authentication_method"] = app.SecondAuthenticationMethod ?? "none",
            });
        }
        return array;
    }

    /// <summary>The applications of a POST or PATCH body, or null when it names none.</summary>
    public static IReadOnlyList<AccountApplication>? ApplicationsOf(JsonObject body)
    {
        if (body["applications"] is not JsonArray array)
        {
            return body["applications"] is null ? null : throw OntapErrors.InvalidFieldValue.With("applications", body["applications"]!.ToJsonString(), "applications");
        }
        var list = new List<AccountApplication>();
        foreach (var node in array)
        {
            if (node is not JsonObject entry || entry.GetString("application") is not { } application)
            {
                throw OntapErrors.ApplicationInvalid.With("applications.application");
            }
            var methods = entry["authentication_methods"] switch
            {
                JsonArray items => items.Select(m => m?.GetValue<string>() ?? "").ToList(),
                JsonValue single => [single.GetValue<string>()],
                _ => new List<string>(),
            };
            list.Add(new AccountApplication(application, methods, entry.GetString("second_authentication_method")));
        }
        return list;
    }
}
