using Keyhold.Ontap;

namespace Keyhold.Security;

/// <summary>ONTAP's rules for account names and applications, checked before anything is read or written.</summary>
public static class AccountRules
{
    /// <summary>Names ONTAP keeps for itself ("such as admin, diag, autosupport, and root"); admin exists from the first start.</summary>
    private static readonly string[] Reserved = ["diag", "autosupport", "root"];

    public static string Name(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw OntapErrors.MissingField.With("name", "name");
        }
        if (name.Length is < 3 or > 64)
        {
            throw OntapErrors.AccountNameLength.With("name");
        }
        // Letters, digits and . _ - only: the name travels in URLs and Basic credentials, where ':' and '/' cannot.
        if (!char.IsAsciiLetter(name[0]) || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-'))
        {
            throw OntapErrors.AccountNameInvalidCharacter.With("name");
        }
        if (Reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw OntapErrors.AccountNameReserved.With("name");
        }
        return name;
    }

    public static IReadOnlyList<AccountApplication> Applications(IReadOnlyList<AccountApplication> applications)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var app in applications)
        {
            if (!AccountApplication.AllowedMethods.TryGetValue(app.Application, out var methods))
            {
                throw OntapErrors.ApplicationInvalid.With("applications.application");
            }
            if (!seen.Add(app.Application))
            {
                throw OntapErrors.ApplicationRepeated.With("applications.application", app.Application);
            }
            if (app.AuthenticationMethods.Count == 0 || app.AuthenticationMethods.Any(m => !methods.Contains(m)))
            {
                throw OntapErrors.ApplicationMethodInvalid.With("applications.authentication_methods");
            }
            if (app.SecondAuthenticationMethod is { } second and not "none"
                && (app.Application != "ssh" || !AccountApplication.SecondMethods.Contains(second)))
            {
                throw OntapErrors.SecondMethodOnlySsh.With("applications.second_authentication_method");
            }
        }
        return applications;
    }

    /// <summary>The role by name (default admin for the cluster, vsadmin for an SVM), which must belong to the owner's scope.</summary>
    public static BuiltinRole Role(string? name, bool svmOwned)
    {
        var role = Roles.Find(name ?? (svmOwned ? Roles.VsAdmin : Roles.Admin)) ?? throw OntapErrors.RoleNotFound.With("role.name");
        return role.IsSvmRole == svmOwned ? role : throw OntapErrors.RoleNotForOwner.With("role.name");
    }
}
