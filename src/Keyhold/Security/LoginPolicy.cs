using Microsoft.Extensions.Options;

namespace Keyhold.Security;

/// <summary>
/// Counts wrong passwords per account after the password check and locks the account for
/// <see cref="LoginPolicyOptions.LockoutDuration"/> after <see cref="LoginPolicyOptions.MaxFailedAttempts"/> in a row.
/// A locked account is refused before its hash is computed; a success forgets earlier failures.
/// </summary>
public sealed class LoginPolicy(AccountRepository accounts, IOptions<LoginPolicyOptions> options, TimeProvider time)
{
    private readonly LoginPolicyOptions settings = options.Value;

    public bool IsLocked(LoginRecord login) => login.IsLocked(time.GetUtcNow());

    /// <summary>Records a wrong password; true when it locked the account.</summary>
    public Task<bool> FailedAsync(string name, CancellationToken ct) =>
        settings.MaxFailedAttempts == 0
            ? Task.FromResult(false)
            : accounts.RecordFailureAsync(name, settings.MaxFailedAttempts, time.GetUtcNow() + settings.LockoutDuration, ct);

    public Task SucceededAsync(LoginRecord login, CancellationToken ct) =>
        login.FailedLogins > 0 ? accounts.ClearFailuresAsync(login.Account.Name, ct) : Task.CompletedTask;
}
