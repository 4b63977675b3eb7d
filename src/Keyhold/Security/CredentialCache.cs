using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Security;

/// <summary>
/// Credentials this node verified, remembered as an HMAC under a per-process key (never the password), with the
/// account's login record they were verified against. A remembered credential is trusted for at most
/// <see cref="LoginOptions.RecheckAfter"/>; then the record is read again (one indexed read, no hash) and the entry is
/// dropped when the account is gone or its password, role, SVM, applications or lock differ, so a change made on any
/// node reaches this one within that time.
/// </summary>
public sealed class CredentialCache(AccountRepository accounts, TimeProvider time, TimeSpan recheckAfter)
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public byte[] Mac(string name, string password) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(name + ":" + password));

    /// <summary>The account when this exact credential was verified and its record has not changed since; else null.</summary>
    public async Task<Account?> FindAsync(string name, byte[] mac, CancellationToken ct)
    {
        if (!entries.TryGetValue(name, out var entry) || !CryptographicOperations.FixedTimeEquals(entry.Mac, mac))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (now - entry.Checked < recheckAfter)
        {
            return entry.Login.Account;
        }
        var login = await accounts.FindLoginAsync(name, ct);
        if (login is null || !Same(login, entry.Login) || login.IsLocked(now))
        {
            entries.TryRemove(KeyValuePair.Create(name, entry));
            return null;
        }
        entries.TryUpdate(name, entry with { Checked = now }, entry);
        return entry.Login.Account;
    }

    public void Remember(string name, byte[] mac, LoginRecord login) => entries[name] = new Entry(mac, login, time.GetUtcNow());

    public void Forget(string name) => entries.TryRemove(name, out _);

    // The failure count is left out: another client's wrong password must not log this one out.
    private static bool Same(LoginRecord a, LoginRecord b) =>
        a.Account == b.Account && a.Hash == b.Hash && a.AdminLocked == b.AdminLocked && a.LockedUntil == b.LockedUntil &&
        ApplicationsColumn.Write(a.Applications) == ApplicationsColumn.Write(b.Applications);

    private sealed record Entry(byte[] Mac, LoginRecord Login, DateTimeOffset Checked);
}
