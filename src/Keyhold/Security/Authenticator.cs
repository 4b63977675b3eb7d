namespace Keyhold.Security;

/// <summary>
/// Checks an account's password. A credential this node verified recently is answered from
/// <see cref="CredentialCache"/>; any other check first passes the <see cref="LoginLimiter"/> (per client address and per
/// account name) and then runs the password hash, against a decoy hash when the name is unknown, so known and unknown
/// names are refused alike and in the same time.
/// </summary>
public sealed class Authenticator(AccountRepository accounts, LoginLimiter limiter, CredentialCache cache, SecurityMetrics? metrics = null)
{
    // Made now, not on the first unknown name, whose refusal would otherwise take twice as long.
    private readonly string decoy = PasswordHash.Decoy;

    public Authenticator(AccountRepository accounts, SecurityMetrics? metrics = null)
        : this(accounts, new LoginLimiter(), new CredentialCache(accounts, TimeProvider.System, new LoginOptions().RecheckAfter), metrics)
    {
    }

    /// <summary>Without a client address (in-process callers, service tests): only the account name's budget applies.</summary>
    public Task<Account?> AuthenticateAsync(string name, string password, CancellationToken ct) =>
        AuthenticateAsync(name, password, LoginLimiter.NoAddress, ct);

    /// <summary>
    /// The account, or null when the name is unknown or the password wrong. Throws 429 (LoginThrottled) when the
    /// client or the name spent its budget of password checks.
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
            var row = await accounts.FindAsync(name, ct);
            metrics?.HashRun();
            if (!PasswordHash.Verify(password, row?.Hash ?? decoy) || row is not { } found)
            {
                metrics?.LoginFailed();
                return null;
            }
            cache.Remember(name, mac, found);
            return found.Account;
        }
    }

    /// <summary>Drops a remembered credential (after its password or role changed on this node).</summary>
    public void Forget(string name) => cache.Forget(name);
}
