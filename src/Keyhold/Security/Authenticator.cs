namespace Keyhold.Security;

/// <summary>
/// Checks an account's password. A credential this node verified recently is answered from
/// <see cref="CredentialCache"/>; any other check first passes the <see cref="LoginLimiter"/> (per client address and per
/// account name) and then runs the password hash — against a decoy hash when the name is unknown, has no password, or
/// is locked — so every refusal takes the same time and tells nothing about which accounts exist. Wrong passwords for
/// a real account count towards the <see cref="LoginPolicy"/> lockout.
/// </summary>
public sealed class Authenticator(AccountRepository accounts, LoginLimiter limiter, CredentialCache cache, SecurityMetrics? metrics = null, LoginPolicy? policy = null)
{
    // Made now, not on the first unknown name, whose refusal would otherwise take twice as long.
    private readonly string decoy = PasswordHash.Decoy;

    public Authenticator(AccountRepository accounts, SecurityMetrics? metrics = null, LoginPolicy? policy = null)
        : this(accounts, new LoginLimiter(), new CredentialCache(accounts, TimeProvider.System, new LoginOptions().RecheckAfter), metrics, policy)
    {
    }

    /// <summary>Without a client address (service tests, offline tools): all such callers share one budget.</summary>
    public Task<Account?> AuthenticateAsync(string name, string password, CancellationToken ct) =>
        AuthenticateAsync(name, password, LoginLimiter.NoAddress, ct);

    /// <summary>
    /// The account, or null when the name is unknown, the password wrong or the account locked. Throws 429
    /// (LoginThrottled) when the client or the name spent its budget of password checks.
    /// </summary>
    public async Task<Account?> AuthenticateAsync(string name, string password, string clientAddress, CancellationToken ct)
    {
        var mac = cache.Mac(name, password);
        if (await cache.FindAsync(name, mac, ct) is { } remembered)
        {
            return remembered;
        }
        using (await limiter.AcquireAsync(clientAddress, name, ct))
        {
            var found = await accounts.FindLoginAsync(name, ct);
            var locked = found is not null && policy?.IsLocked(found) == true;
            var usable = found is { AllowsPassword: true } && !locked;
            metrics?.HashRun();
            var verified = PasswordHash.Verify(password, usable ? found!.Hash : decoy) && usable;
            if (!verified)
            {
                metrics?.LoginFailed();
                if (usable && policy is not null && await policy.FailedAsync(name, ct))
                {
                    cache.Forget(name);
                }
                return null;
            }
            if (policy is not null)
            {
                await policy.SucceededAsync(found!, ct);
            }
            cache.Remember(name, mac, found! with { FailedLogins = 0 });
            return found!.Account;
        }
    }

    /// <summary>Drops a remembered credential (after its password, role or lock changed on this node, or it was deleted).</summary>
    public void Forget(string name) => cache.Forget(name);
}
