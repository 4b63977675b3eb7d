namespace Keyhold.Security;

/// <summary>
/// The built-in roles Keyhold offers, as ONTAP names them. Cluster roles belong to the cluster, SVM roles to each
/// data SVM; none can be created, changed or deleted (ONTAP: "These predefined roles cannot be modified or deleted").
/// </summary>
public static class Roles
{
    public const string Admin = "admin", ReadOnly = "readonly", VsAdmin = "vsadmin", VsAdminReadOnly = "vsadmin-readonly";

    public const string ClusterScope = "cluster", SvmScope = "svm";

    /// <summary>Every built-in role with its scope and what it may do under /api (ONTAP's privilege access values).</summary>
    public static readonly IReadOnlyList<BuiltinRole> All =
    [
        new(Admin, ClusterScope, "all"),
        new(ReadOnly, ClusterScope, "readonly"),
        new(VsAdmin, SvmScope, "all"),
        new(VsAdminReadOnly, SvmScope, "readonly"),
    ];

    public static BuiltinRole? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}

/// <param name="Access">ONTAP's access value for the path /api: "all" or "readonly".</param>
public sealed record BuiltinRole(string Name, string Scope, string Access)
{
    public bool IsSvmRole => Scope == Roles.SvmScope;
}
