using Keyhold.Security;
using Keyhold.Storage;
using Keyhold.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keyhold.Tests.Security;

/// <summary>Accounts, password checks and the audit log, driven without HTTP on a real SQLite store.</summary>
public sealed class SecurityServiceTests : IDisposable
{
    private readonly string dir = TempDir.Create();
    private readonly SqliteStore store;
    private readonly AccountRepository accounts;

    public SecurityServiceTests()
    {
        store = StoreFixtures.Sqlite(dir);
        SchemaSteps.ApplyAsync(store).GetAwaiter().GetResult();
        accounts = new AccountRepository(store);
    }

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task The_audit_record_carries_the_time_of_the_registered_clock()
    {
        var clock = new FixedClock(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)));
        var audit = new AuditLog(store, clock, NullLogger<AuditLog>.Instance);

        await audit.RecordAsync("admin", "PATCH", "/api/svm/svms/1", 200, CancellationToken.None);

        var row = Assert.Single(StoreProbe.Rows(dir, "SELECT time, user_name, method, path, status FROM audit"));
        Assert.Equal(["2031-05-06T05:08:09.0000000Z", "admin", "PATCH", "/api/svm/svms/1", 200L], row);
    }

    [Fact]
    public async Task An_audit_record_that_cannot_be_written_does_not_fail_the_caller()
    {
        await store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "DROP TABLE audit", t));
        var audit = new AuditLog(store, TimeProvider.System, NullLogger<AuditLog>.Instance);
        await audit.RecordAsync("admin", "DELETE", "/api/x", 200, CancellationToken.None);
    }

    [Fact]
    public async Task Authenticator_accepts_the_password_and_refuses_others_and_unknown_names()
    {
        await accounts.SaveAsync(new Account("monitor", Account.ReadOnly, null), "monitor-password");
        var authenticator = new Authenticator(accounts);

        var account = await authenticator.AuthenticateAsync("monitor", "monitor-password", CancellationToken.None);
        Assert.Equal(new Account("monitor", Account.ReadOnly, null), account);
        Assert.False(account!.MayWrite);
        Assert.Null(await authenticator.AuthenticateAsync("monitor", "wrong", CancellationToken.None));
        Assert.Null(await authenticator.AuthenticateAsync("nobody", "monitor-password", CancellationToken.None));
    }

    [Fact]
    public async Task A_remembered_credential_holds_until_forgotten()
    {
        await accounts.SaveAsync(new Account("ops", Account.Admin, null), "first-password");
        var authenticator = new Authenticator(accounts);
        Assert.NotNull(await authenticator.AuthenticateAsync("ops", "first-password", CancellationToken.None));

        await accounts.SaveAsync(new Account("ops", Account.Admin, null), "second-password");
        Assert.NotNull(await authenticator.AuthenticateAsync("ops", "first-password", CancellationToken.None)); // remembered
        authenticator.Forget("ops");
        Assert.Null(await authenticator.AuthenticateAsync("ops", "first-password", CancellationToken.None));
        Assert.NotNull(await authenticator.AuthenticateAsync("ops", "second-password", CancellationToken.None));
    }

    [Fact]
    public async Task The_first_start_creates_admin_once_with_a_stored_hash_never_the_password()
    {
        Assert.Equal(new AdminBootstrap(Created: true, GeneratedPassword: null), await accounts.EnsureAdminAsync("configured-password"));
        Assert.Equal(new AdminBootstrap(Created: false, GeneratedPassword: null), await accounts.EnsureAdminAsync(null)); // already there: nothing generated
        var row = Assert.Single(StoreProbe.Rows(dir, "SELECT name, role, password_hash FROM users"));
        Assert.Equal(["admin", Account.Admin], row[..2]);
        Assert.StartsWith("pbkdf2-sha256$", (string)row[2]!, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("configured-password", (string)row[2]!));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
