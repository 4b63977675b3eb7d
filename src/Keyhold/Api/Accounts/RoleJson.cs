using System.Text.Json.Nodes;
using Keyhold.Ontap;
using Keyhold.Security;

namespace Keyhold.Api.Accounts;

/// <summary>A built-in role as /api/security/roles shows it.</summary>
public static class RoleJson
{
    public const string Collection = "/api/security/roles";

    public static string Href(Guid owner, string name) => OntapLinks.Instance(Collection, owner.ToString(), name);

    /// <param name="owner">The cluster (for cluster roles) or the SVM (for SVM roles) that owns this copy of the role.</param>
    public static JsonObject ToJson(this BuiltinRole role, Guid owner, string ownerName, bool ownerIsSvm) => new()
    {
        ["owner"] = ownerIsSvm ? SvmReference.Of(owner, ownerName) : new JsonObject { ["uuid"] = owner.ToString(), ["name"] = ownerName },
        ["name"] = role.Name,
        ["builtin"] = true,
        ["scope"] = role.Scope,
        ["privileges"] = new JsonArray(new JsonObject { ["path"] = "/api", ["access"] = role.Access }),
        ["_links"] = OntapLinks.Self(Href(owner, role.Name)),
    };
}
