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

    /// <summary>One HMAC context per thread, keyed once: every authenticated request computes a MAC, and keying a
    /// fresh OpenSSL context each time cost three times the MAC itself (the per-request floor, docs/scaling.md).</summary>
    [ThreadStatic]
    private static (CredentialCache Owner, IncrementalHash Hmac)? t_hmac;

    /// <summary>HMAC-SHA256 of "name:password" in UTF-8 under this process's key; the encoded credential is zeroed after.</summary>
    public byte[] Mac(string name, string password)
    {
        if (t_hmac is not { } hmac || hmac.Owner != this)
        {
            t_hmac?.Hmac.Dispose();
            t_hmac = hmac = (this, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key));
        }
        var length = Encoding.UTF8.GetMaxByteCount(name.Length + 1 + password.Length);
        Span<byte> buffer = length > 512 ? new byte[length] : stackalloc byte[512];
        var written = Encoding.UTF8.GetBytes(name, buffer);
        buffer[written++] = (byte)':';
        written += Encoding.UTF8.GetBytes(password, buffer[written..]);
        try
        {
            hmac.Hmac.AppendData(buffer[..written]);
            return hmac.Hmac.GetHashAndReset();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer[..written]);
        }
    }

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
