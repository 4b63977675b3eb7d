namespace Keyhold.Security;

/// <summary>
/// An API account. Roles: admin (everything) and readonly (GET only). ONTAP's SVM-scoped vsadmin is
/// not offered yet: an account that could write would otherwise see every SVM.
/// </summary>
public sealed record Account(string Name, string Role, Guid? SvmUuid)
{
    public const string Admin = "admin", ReadOnly = "readonly";

    public bool MayWrite => Role is Admin;
}
