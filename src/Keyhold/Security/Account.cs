namespace Keyhold.Security;

/// <summary>
/// Who a request runs as: the account's name, its role and, for SVM administrators, the SVM that owns it. Cluster
/// accounts (admin, readonly) have no SVM; vsadmin and vsadmin-readonly are owned by one SVM and see only it.
/// </summary>
public sealed record Account(string Name, string Role, Guid? SvmUuid)
{
    public const string Admin = Roles.Admin, ReadOnly = Roles.ReadOnly;

    /// <summary>Admin and vsadmin may change things (vsadmin only within its SVM); the readonly roles may not.</summary>
    public bool MayWrite => Role is Roles.Admin or Roles.VsAdmin;

    /// <summary>An SVM administrator: every resource outside its SVM is invisible or refused.</summary>
    public bool IsSvmScoped => SvmUuid is not null;

    /// <summary>
    /// Only the cluster admin role receives secrets that allow an offline attack, such as the onboard key_backup
    /// (Keyhold choice: ONTAP lets any reader of the key manager see it).
    /// </summary>
    public bool MayReadSecrets => Role is Roles.Admin && SvmUuid is null;
}
