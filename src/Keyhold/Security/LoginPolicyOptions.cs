namespace Keyhold.Security;

/// <summary>
/// ONTAP's login policy (security login role config: max-failed-login-attempts, account-lockout-duration), bound
/// from Keyhold:Login. The defaults are those the netapp.ontap collection documents for ONTAP: 5 attempts, one hour.
/// </summary>
public sealed class LoginPolicyOptions
{
    public const string Section = "Keyhold:Login";

    /// <summary>Wrong passwords in a row that lock the account; 0 turns the lockout off.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long the login policy keeps an account locked (an administrator may unlock it sooner).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromHours(1);

    public string? Problem() =>
        MaxFailedAttempts < 0 || LockoutDuration <= TimeSpan.Zero
            ? "Keyhold:Login needs MaxFailedAttempts >= 0 (0 = no lockout) and a positive LockoutDuration."
            : null;
}
