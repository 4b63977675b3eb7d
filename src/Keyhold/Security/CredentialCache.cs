using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Security;

/// <summary>
/// Credentials this node verified, remembered as an HMAC under a per-process key (never the password), with the
/// account row they were verified against. A remembered credential is trusted for at most
/// <see cref="LoginOptions.RecheckAfter"/>; then the row is read again (one indexed read, no hash) and the entry is
/// dropped when the row is gone or differs in any way (password, role, lock, ...), so a change made on any node
/// reaches this one within that time.
/// </summary>
public sealed class CredentialCache(AccountRepository accounts, TimeProvider time, TimeSpan recheckAfter)
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public byte[] Mac(string name, string password) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(name + ":" + password));

    /// <summary>The account when this exact credential was verified and its row has not changed since; else null.</summary>
    public async Task<Account?> FindAsync(string name, byte[] mac, CancellationToken ct)
    {
        if (!entries.TryGetValue(name, out var entry) || !CryptographicOperations.FixedTimeEquals(entry.Mac, mac))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (now - entry.Checked < recheckAfter)
        {
            return entry.Row.Account;
        }
        var row = await accounts.FindAsync(name, ct);
        if (row != entry.Row)
        {
            entries.TryRemove(KeyValuePair.Create(name, entry));
            return null;
        }
        entries.TryUpdate(name, entry with { Checked = now }, entry);
        return entry.Row.Account;
    }

    public void Remember(string name, byte[] mac, (Account Account, string Hash) row) =>
        entries[name] = new Entry(mac, row, time.GetUtcNow());

    public void Forget(string name) => entries.TryRemove(name, out _);

    private sealed record Entry(byte[] Mac, (Account Account, string Hash) Row, DateTimeOffset Checked);
}
