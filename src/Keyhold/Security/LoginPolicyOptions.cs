namespace Keyhold.Security;

/// <summary>
/// ONTAP's login policy (security login role config: max-failed-login-attempts, account-lockout-duration), bound
/// from Keyhold:Login. Off by default: with it on, anyone who can reach the port locks an account (admin included) with
/// a few wrong guesses, and the login limiter already makes guessing slow. The netapp.ontap collection documents 5
/// attempts and one hour for ONTAP; set MaxFailedAttempts to have ONTAP's lockout.
/// </summary>
public sealed class LoginPolicyOptions
{
    public const string Section = "Keyhold:Login";

    /// <summary>Wrong passwords in a row that lock the account; 0 turns the lockout off.</summary>
    public int MaxFailedAttempts { get; set; }

    /// <summary>How long the login policy keeps an account locked (an administrator may unlock it sooner).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromHours(1);

    public string? Problem() =>
        MaxFailedAttempts < 0 || LockoutDuration <= TimeSpan.Zero
            ? "Keyhold:Login needs MaxFailedAttempts >= 0 (0 = no lockout) and a positive LockoutDuration."
            : null;
}
