using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Keyhold.Storage;
using Keyhold.Storage.Query;

namespace Keyhold.Security;

/// <summary>The users table: accounts, their password hashes and their lock state.</summary>
public sealed class AccountRepository(IStore store)
{
    /// <summary>Accounts with their owner's name; owner.uuid and owner.name of a cluster account are the cluster's.</summary>
    public const string DetailsFrom =
        "SELECT u.name, u.role, u.svm_uuid, s.name, u.applications, u.admin_locked, u.locked_until, u.comment, u.password_hash " +
        "FROM users u CROSS JOIN cluster c LEFT JOIN svms s ON s.uuid = u.svm_uuid";

    private const string LoginColumns = "SELECT name, role, svm_uuid, password_hash, applications, admin_locked, locked_until, failed_logins FROM users";

    /// <summary>Creates the admin account on first start.</summary>
    public Task<AdminBootstrap> EnsureAdminAsync(string? configuredPassword, CancellationToken ct = default) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            if (await Db.ScalarAsync(c, tx, "SELECT name FROM users WHERE name = 'admin'", t) is not null)
            {
                return new AdminBootstrap(Created: false, GeneratedPassword: null);
            }
            var password = configuredPassword;
            var generated = string.IsNullOrEmpty(password);
            if (generated)
            {
                password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            }
            await Db.ExecuteAsync(c, tx, "INSERT INTO users (name, role, svm_uuid, password_hash) VALUES ('admin', @r, NULL, @h)", t,
                ("@r", Account.Admin), ("@h", PasswordHash.Create(password!)));
            return new AdminBootstrap(Created: true, GeneratedPassword: generated ? password : null);
        }, ct);

    /// <summary>Creates or replaces an account with default applications (tests and set-up).</summary>
    public Task<int> SaveAsync(Account account, string password, CancellationToken ct = default) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            await Db.ExecuteAsync(c, tx, "DELETE FROM users WHERE name = @n", t, ("@n", account.Name));
            return await Db.ExecuteAsync(c, tx, "INSERT INTO users (name, role, svm_uuid, password_hash) VALUES (@n, @r, @s, @h)", t,
                ("@n", account.Name), ("@r", account.Role), ("@s", account.SvmUuid?.ToString()), ("@h", PasswordHash.Create(password)));
        }, ct);

    /// <summary>Sets a password and lifts every lock: the offline reset of a lost password.</summary>
    public Task<int> ResetPasswordAsync(string name, string password, CancellationToken ct = default) =>
        store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx,
            "UPDATE users SET password_hash = @h, admin_locked = 0, failed_logins = 0, locked_until = NULL WHERE name = @n", t,
            ("@n", name), ("@h", PasswordHash.Create(password))), ct);

    public Task<(Account Account, string Hash)?> FindAsync(string name, CancellationToken ct) =>
        store.ReadAsync(async (c, t) =>
        {
            var rows = await Db.QueryAsync(c, null, "SELECT name, role, svm_uuid, password_hash FROM users WHERE name = @n",
                r => (ReadAccount(r), r.GetString(3)), t, ("@n", name));
            return rows.Count == 0 ? ((Account, string)?)null : rows[0];
        }, ct);

    /// <summary>What a login checks, in one read.</summary>
    public Task<LoginRecord?> FindLoginAsync(string name, CancellationToken ct) =>
        store.ReadAsync((c, t) => Db.SingleOrDefaultAsync(c, null, LoginColumns + " WHERE name = @n",
            r => new LoginRecord(ReadAccount(r), r.GetString(3), ApplicationsColumn.Read(r.IsDBNull(4) ? null : r.GetString(4)),
                Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture) != 0, ReadTime(r, 6),
                Convert.ToInt64(r.GetValue(7), CultureInfo.InvariantCulture)), t, ("@n", name)), ct);

    public Task<List<AccountDetails>> QueryAsync(SqlPlan plan, CancellationToken ct, params (string, object?)[] extra) =>
        store.QueryPageAsync(DetailsFrom, plan, ReadDetails, ct, extra);

    public static Task<AccountDetails?> FindDetailsAsync(DbConnection c, DbTransaction? tx, string name, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, DetailsFrom + " WHERE u.name = @n", ReadDetails, ct, ("@n", name));

    public Task<AccountDetails?> FindDetailsAsync(string name, CancellationToken ct) =>
        store.ReadAsync((c, t) => FindDetailsAsync(c, null, name, t), ct);

    public static Task InsertAsync(DbConnection c, DbTransaction tx, AccountDetails account, string passwordHash, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx,
            "INSERT INTO users (name, role, svm_uuid, password_hash, applications, admin_locked, comment) VALUES (@n, @r, @s, @h, @a, @l, @c)", ct,
            ("@n", account.Name), ("@r", account.Role), ("@s", account.SvmUuid?.ToString()), ("@h", passwordHash),
            ("@a", ApplicationsColumn.Write(account.Applications)), ("@l", account.AdminLocked), ("@c", account.Comment));

    /// <summary>Writes role, applications, comment and the admin lock; unlocking also clears the login policy's lock.</summary>
    public static Task UpdateAsync(DbConnection c, DbTransaction tx, AccountDetails account, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx,
            "UPDATE users SET role = @r, applications = @a, admin_locked = @l, comment = @c, " +
            "failed_logins = CASE WHEN @l = 0 THEN 0 ELSE failed_logins END, locked_until = CASE WHEN @l = 0 THEN NULL ELSE locked_until END " +
            "WHERE name = @n", ct,
            ("@n", account.Name), ("@r", account.Role), ("@a", ApplicationsColumn.Write(account.Applications)), ("@l", account.AdminLocked), ("@c", account.Comment));

    public static Task SetPasswordHashAsync(DbConnection c, DbTransaction tx, string name, string passwordHash, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "UPDATE users SET password_hash = @h WHERE name = @n", ct, ("@n", name), ("@h", passwordHash));

    public static Task<string?> PasswordHashAsync(DbConnection c, DbTransaction? tx, string name, CancellationToken ct) =>
        Db.SingleOrDefaultAsync(c, tx, "SELECT password_hash FROM users WHERE name = @n", r => r.GetString(0), ct, ("@n", name));

    public static Task DeleteAsync(DbConnection c, DbTransaction tx, string name, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "DELETE FROM users WHERE name = @n", ct, ("@n", name));

    /// <summary>Cluster admin accounts that can still log in (not locked by an administrator).</summary>
    public static async Task<long> CountUnlockedAdminsAsync(DbConnection c, DbTransaction tx, CancellationToken ct) =>
        Convert.ToInt64(await Db.ScalarAsync(c, tx, "SELECT COUNT(*) FROM users WHERE role = @r AND svm_uuid IS NULL AND admin_locked = 0", ct,
            ("@r", Roles.Admin)) ?? 0L, CultureInfo.InvariantCulture);

    /// <summary>
    /// Counts one failed password; at <paramref name="maxFailures"/> the account is locked until
    /// <paramref name="lockedUntil"/> and the count starts again. True when this failure locked it.
    /// </summary>
    public Task<bool> RecordFailureAsync(string name, int maxFailures, DateTimeOffset lockedUntil, CancellationToken ct) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            await Db.ExecuteAsync(c, tx, "UPDATE users SET failed_logins = failed_logins + 1 WHERE name = @n", t, ("@n", name));
            var failures = Convert.ToInt64(await Db.ScalarAsync(c, tx, "SELECT failed_logins FROM users WHERE name = @n", t, ("@n", name)) ?? 0L,
                CultureInfo.InvariantCulture);
            if (failures < maxFailures)
            {
                return false;
            }
            await Db.ExecuteAsync(c, tx, "UPDATE users SET failed_logins = 0, locked_until = @u WHERE name = @n", t, ("@n", name), ("@u", lockedUntil));
            return true;
        }, ct);

    /// <summary>A successful login forgets earlier failures; a write only when there were any.</summary>
    public Task ClearFailuresAsync(string name, CancellationToken ct) =>
        store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "UPDATE users SET failed_logins = 0 WHERE name = @n AND failed_logins > 0", t, ("@n", name)), ct);

    private static Account ReadAccount(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : Guid.Parse(r.GetString(2)));

    private static AccountDetails ReadDetails(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : Guid.Parse(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3),
        ApplicationsColumn.Read(r.IsDBNull(4) ? null : r.GetString(4)),
        Convert.ToInt64(r.GetValue(5), CultureInfo.InvariantCulture) != 0, ReadTime(r, 6), r.IsDBNull(7) ? null : r.GetString(7),
        !r.IsDBNull(8) && r.GetString(8).Length > 0);

    private static DateTimeOffset? ReadTime(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>The applications and authentication methods the account allows (REST with a password when unset).</summary>
    public Task<IReadOnlyList<AccountApplication>> ApplicationsAsync(string name, CancellationToken ct) =>
        store.ReadAsync(async (c, t) => ApplicationsColumn.Read(
            await Db.ScalarAsync(c, null, "SELECT applications FROM users WHERE name = @n", t, ("@n", name)) as string), ct);

    public Task<int> SetApplicationsAsync(string name, IReadOnlyList<AccountApplication> applications, CancellationToken ct = default) =>
        store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "UPDATE users SET applications = @a WHERE name = @n", t,
            ("@a", ApplicationsColumn.Write(applications)), ("@n", name)), ct);
}

/// <summary>What the first-start step did: created admin (with a generated password when none was configured) or found it.</summary>
public sealed record AdminBootstrap(bool Created, string? GeneratedPassword);
