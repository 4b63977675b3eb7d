using System.Security.Cryptography;
using Keyhold.Storage;

namespace Keyhold.Security;

public sealed class AccountRepository(IStore store)
{
    /// <summary>Creates the admin account on first start. Returns the generated password, if one was made.</summary>
    public Task<string?> EnsureAdminAsync(string? configuredPassword, CancellationToken ct = default) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            if (await Db.ScalarAsync(c, tx, "SELECT name FROM users WHERE name = 'admin'", t) is not null)
            {
                return null;
            }
            var password = configuredPassword;
            var generated = string.IsNullOrEmpty(password);
            if (generated)
            {
                password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            }
            await Db.ExecuteAsync(c, tx, "INSERT INTO users (name, role, svm_uuid, password_hash) VALUES ('admin', @r, NULL, @h)", t,
                ("@r", Account.Admin), ("@h", PasswordHash.Create(password!)));
            return generated ? password : null;
        }, ct);

    public Task<int> SaveAsync(Account account, string password, CancellationToken ct = default) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            await Db.ExecuteAsync(c, tx, "DELETE FROM users WHERE name = @n", t, ("@n", account.Name));
            return await Db.ExecuteAsync(c, tx, "INSERT INTO users (name, role, svm_uuid, password_hash) VALUES (@n, @r, @s, @h)", t,
                ("@n", account.Name), ("@r", account.Role), ("@s", account.SvmUuid?.ToString()), ("@h", PasswordHash.Create(password)));
        }, ct);

    public Task<(Account Account, string Hash)?> FindAsync(string name, CancellationToken ct) =>
        store.ReadAsync(async (c, t) =>
        {
            var rows = await Db.QueryAsync(c, null, "SELECT name, role, svm_uuid, password_hash FROM users WHERE name = @n",
                r => (new Account(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : Guid.Parse(r.GetString(2))), r.GetString(3)), t, ("@n", name));
            return rows.Count == 0 ? ((Account, string)?)null : rows[0];
        }, ct);

    /// <summary>The applications and authentication methods the account allows (<see cref="AccountApplications.Default"/> when unset).</summary>
    public Task<AccountApplications> ApplicationsAsync(string name, CancellationToken ct) =>
        store.ReadAsync(async (c, t) => AccountApplications.Parse(
            await Db.ScalarAsync(c, null, "SELECT applications FROM users WHERE name = @n", t, ("@n", name)) as string), ct);

    public Task<int> SetApplicationsAsync(string name, AccountApplications applications, CancellationToken ct = default) =>
        store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "UPDATE users SET applications = @a WHERE name = @n", t,
            ("@a", applications.ToString()), ("@n", name)), ct);
}
