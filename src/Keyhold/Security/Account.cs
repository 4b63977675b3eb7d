namespace Keyhold.Security;

/// <summary>An API account. Roles: admin (everything), readonly (GET only), vsadmin (its own SVM).</summary>
public sealed record Account(string Name, string Role, Guid? SvmUuid)
{
    public const string Admin = "admin", ReadOnly = "readonly", VsAdmin = "vsadmin";

    public bool MayWrite => Role is Admin or VsAdmin;
}
