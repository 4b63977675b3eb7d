using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Security;

/// <summary>
/// Checks an account's password. Verifying PBKDF2 costs ~100 ms, so a verified credential is remembered as an HMAC
/// under a per-process key (never the password itself) and later checks compare in constant time.
/// </summary>
public sealed class Authenticator(AccountRepository accounts, SecurityMetrics? metrics = null)
{
    private readonly byte[] cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (Account Account, byte[] Mac)> verified = new();

    /// <summary>The account, or null when the name is unknown or the password wrong.</summary>
    public async Task<Account?> AuthenticateAsync(string name, string password, CancellationToken ct)
    {
        var mac = HMACSHA256.HashData(cacheKey, Encoding.UTF8.GetBytes(name + ":" + password));
        if (verified.TryGetValue(name, out var hit) && CryptographicOperations.FixedTimeEquals(hit.Mac, mac))
        {
            return hit.Account;
        }
        var found = await accounts.FindAsync(name, ct);
        if (found is not { } row || !PasswordHash.Verify(password, row.Hash))
        {
            metrics?.LoginFailed();
            return null;
        }
        verified[name] = (row.Account, mac);
        return row.Account;
    }

    /// <summary>Drops a remembered credential (after its password or role changed).</summary>
    public void Forget(string name) => verified.TryRemove(name, out _);
}
