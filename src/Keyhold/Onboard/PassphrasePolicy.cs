namespace Keyhold.Onboard;

/// <summary>ONTAP's onboard passphrase rules: 32..256 printable ASCII characters, 64..256 in Common Criteria mode.</summary>
public static class PassphrasePolicy
{
    public const int MinLength = 32;
    public const int MinLengthCommonCriteria = 64;
    public const int MaxLength = 256;

    public static bool IsValidLength(string p, bool commonCriteria = false) =>
        p is not null
        && p.Length >= (commonCriteria ? MinLengthCommonCriteria : MinLength)
        && p.Length <= MaxLength;

    public static bool IsPrintableAscii(string p)
    {
        if (p is null)
            return false;
        foreach (var c in p)
        {
            if (c is < '\x20' or > '\x7E')
                return false;
        }
        return true;
    }

    public static bool IsValid(string p, bool cc = false) => IsValidLength(p, cc) && IsPrintableAscii(p);

    /// <summary>Guards the create/rewrap paths; the message states the rule, never the value.</summary>
    internal static void ThrowIfInvalid(string passphrase, string paramName)
    {
        ArgumentNullException.ThrowIfNull(passphrase, paramName);
        if (!IsValid(passphrase))
            throw new ArgumentException($"The passphrase must be {MinLength} to {MaxLength} printable ASCII characters.", paramName);
    }
}
