using Keyhold.Ontap;

namespace Keyhold.Security;

/// <summary>
/// ONTAP's default password rules for accounts (security login role config: passwd-minlength 8, passwd-alphanum
/// enabled, at most 128 characters, never containing the user name). Passphrases of key managers have their own.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8, MaxLength = 128;

    public static void Check(string name, string password)
    {
        if (password.Length > MaxLength)
        {
            throw OntapErrors.PasswordTooLong.With("password");
        }
        if (password.Length < MinLength)
        {
            throw OntapErrors.PasswordTooShort.With("password");
        }
        if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit))
        {
            throw OntapErrors.PasswordLettersAndDigits.With("password");
        }
        if (password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            throw OntapErrors.PasswordContainsName.With("password");
        }
    }
}
