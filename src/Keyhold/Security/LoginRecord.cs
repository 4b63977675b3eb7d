namespace Keyhold.Security;

/// <summary>What a login needs of an account: who it is, its hash ("" when it has no password), and whether it may log in.</summary>
public sealed record LoginRecord(Account Account, string Hash, IReadOnlyList<AccountApplication> Applications, bool AdminLocked, DateTimeOffset? LockedUntil, long FailedLogins = 0)
{
    public bool AllowsPassword => Hash.Length > 0 && Applications.Any(a => a.Allows(AccountApplication.Password));

    public bool IsLocked(DateTimeOffset now) => AdminLocked || LockedUntil > now;
}
