namespace Keyhold.Ontap;

/// <summary>
/// Errors of /api/security/accounts, /api/security/roles and /api/security/authentication/password, with ONTAP's codes
/// and messages (POST security/accounts, DELETE security/accounts, POST security/authentication/password). Codes
/// marked "Keyhold choice" have no public ONTAP equivalent.
/// </summary>
public static partial class OntapErrors
{
    public static readonly OntapError RoleNotFound = new(400, "1261215", "The role was not found.");

    /// <summary>A cluster role given to an SVM account, or an SVM role to a cluster account.</summary>
    public static readonly OntapError RoleNotForOwner = new(400, "7077906", "A role with that name has not been defined for the Vserver.");

    /// <summary>{0} = name. Keyhold choice of code (ONTAP's is not public).</summary>
    public static readonly OntapError AccountExists = new(409, "5636096", "An account named \"{0}\" already exists.");

    public static readonly OntapError AccountNameReserved = new(400, "5636121", "The user account name is reserved for use by the system.");

    public static readonly OntapError AccountNameInvalidCharacter = new(400, "7077897", "Invalid character in username.");

    public static readonly OntapError AccountNameLength = new(400, "7077899", "The username does not meet length requirements.");

    public static readonly OntapError OwnerMismatch = new(400, "2621706", "The specified owner.uuid and owner.name refer to different SVMs.");

    public static readonly OntapError ApplicationInvalid = new(400, "5636178", "An invalid value is specified for field \"application\".");

    public static readonly OntapError ApplicationMethodInvalid = new(400, "5636176", "The application and authentication-method combination is invalid.");

    public static readonly OntapError SecondMethodOnlySsh = new(400, "5636154", "The second-authentication-method parameter is supported for SSH application.");

    /// <summary>The same application twice in one account. Keyhold choice of text (262197: invalid value).</summary>
    public static readonly OntapError ApplicationRepeated = new(400, "262197", "Application \"{0}\" is given more than once.");

    public static readonly OntapError PasswordContainsName = new(400, "7077918", "The password cannot contain the username.");

    public static readonly OntapError PasswordTooShort = new(400, "7077919", "The minimum length for new password does not meet the policy.");

    public static readonly OntapError PasswordLettersAndDigits = new(400, "7077920", "The new password must have both letters and numbers.");

    public static readonly OntapError PasswordTooLong = new(400, "7077940", "The password exceeds maximum supported length.");

    /// <summary>
    /// ONTAP's code; the text is the one ONTAP answers a PATCH with, which Ansible's na_ontap_user reads as "password
    /// unchanged" (the documentation's table words it "The new password must be different to the old password.").
    /// </summary>
    public static readonly OntapError PasswordUnchanged = new(400, "7077925", "New password must be different than the old password.");

    public static readonly OntapError LockWithoutPassword = new(400, "1263343", "Cannot lock user with password not set or non-password authentication method.");

    public static readonly OntapError LastAdmin = new(400, "5636098", "Last unlocked account that has an admin role cannot be deleted.");

    /// <summary>An administrator deleting, locking or demoting the account it is logged in as. Keyhold choice of code.</summary>
    public static readonly OntapError AccountIsCaller = new(400, "5636097", "You cannot delete, lock or change the role of the account you are logged in as.");
}
