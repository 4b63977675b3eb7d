using Keyhold.Security;
using Keyhold.Storage;
using Keyhold.Tests.Support;
using Keyhold.Cluster;
using Keyhold.Ontap;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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
    public async Task The_audit_message_carries_the_time_of_the_registered_clock_and_this_node()
    {
        var clock = new FixedClock(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)));
        var audit = new AuditLog(clock);
        var node = new NodeIdentity(Guid.NewGuid(), "node-a");
        using var writer = new AuditWriter(audit, new AuditRepository(store), node, clock, Options.Create(new AuditOptions()), NullLogger<AuditWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);

        audit.Record(new AuditEntry(clock.GetUtcNow(), "http", "192.0.2.7", "admin", "PATCH /api/svm/svms/1 : {\"comment\":\"x\"}", AuditEntry.Success, AuditEntry.Cluster));
        await audit.FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        await writer.StopAsync(CancellationToken.None);

        var row = Assert.Single(StoreProbe.Rows(dir, "SELECT timestamp, node_uuid, node_name, application, location, user_name, input, state, scope FROM audit_messages"));
        Assert.Equal(["2031-05-06T05:08:09.0000000Z", node.Uuid.ToString(), "node-a", "http", "192.0.2.7", "admin", "PATCH /api/svm/svms/1 : {\"comment\":\"x\"}", "success", "cluster"], row);
    }

    [Fact]
    public async Task An_audit_that_cannot_be_written_never_makes_the_caller_wait_and_counts_what_it_drops()
    {
        await store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "DROP TABLE audit_messages", t));
        var audit = new AuditLog(TimeProvider.System, null, new AuditOptions { QueueCapacity = 4 });
        using var writer = new AuditWriter(audit, new AuditRepository(store), new NodeIdentity(Guid.NewGuid(), "n"), TimeProvider.System,
            Options.Create(new AuditOptions()), NullLogger<AuditWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            audit.Record("DELETE /api/x", AuditEntry.Success);
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"1000 records took {watch.Elapsed}");
        var dropped = audit.TakeDropped();
        Assert.True(dropped >= 1000 - 4 - 256, $"dropped {dropped}");
        await writer.StopAsync(CancellationToken.None);
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
    public async Task A_remembered_credential_holds_until_forgotten_or_until_its_row_changed_and_a_second_passed()
    {
        await accounts.SaveAsync(new Account("ops", Account.Admin, null), "first-password");
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var authenticator = new Authenticator(accounts, new LoginLimiter(), new CredentialCache(accounts, clock, TimeSpan.FromSeconds(1)));
        Assert.NotNull(await authenticator.AuthenticateAsync("ops", "first-password", CancellationToken.None));

        await accounts.SaveAsync(new Account("ops", Account.Admin, null), "second-password");
        Assert.NotNull(await authenticator.AuthenticateAsync("ops", "first-password", CancellationToken.None)); // remembered
        authenticator.Forget("ops");
        Assert.Null(await authenticator.AuthenticateAsync("ops", "first-password", CancellationToken.None));
        Assert.NotNull(await authenticator.AuthenticateAsync("ops", "second-password", CancellationToken.None));

        // Changed elsewhere (another node): trusted for at most a second, then the row is read again.
        await accounts.SaveAsync(new Account("ops", Account.ReadOnly, null), "second-password");
        Assert.True((await authenticator.AuthenticateAsync("ops", "second-password", CancellationToken.None))!.MayWrite);
        clock.Advance(TimeSpan.FromSeconds(1.1));
        Assert.Equal(Account.ReadOnly, (await authenticator.AuthenticateAsync("ops", "second-password", CancellationToken.None))!.Role);
        await store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, "DELETE FROM users WHERE name = 'ops'", t));
        clock.Advance(TimeSpan.FromSeconds(1.1));
        Assert.Null(await authenticator.AuthenticateAsync("ops", "second-password", CancellationToken.None));
    }

    [Fact]
    public async Task Unknown_names_run_the_same_hash_and_every_check_beyond_the_budget_is_refused_before_it()
    {
        await accounts.SaveAsync(new Account("ops", Account.Admin, null), "a-password");
        var authenticator = new Authenticator(accounts, new LoginLimiter(new LoginOptions { PerAddressBurst = 3, PerAddressPerSecond = 1 }),
            new CredentialCache(accounts, TimeProvider.System, TimeSpan.FromSeconds(1)));

        Assert.Null(await authenticator.AuthenticateAsync("ops", "wrong", "192.0.2.1", CancellationToken.None));
        Assert.Null(await authenticator.AuthenticateAsync("nobody", "wrong", "192.0.2.1", CancellationToken.None));
        Assert.Null(await authenticator.AuthenticateAsync("ops", "wrong", "192.0.2.1", CancellationToken.None));
        // Ten checks at once from the same address: the bucket holds at most three tokens, however long the hashes above
        // took on a busy machine, so at least seven are refused, each with 429 and without a hash.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            try
            {
                await authenticator.AuthenticateAsync("nobody", "wrong", "192.0.2.1", CancellationToken.None);
                return 0;
            }
            catch (OntapException e)
            {
                return e.Status;
            }
        })));
        Assert.True(outcomes.Count(s => s == 429) >= 7, $"outcomes: {string.Join(", ", outcomes)}");
        Assert.All(outcomes, s => Assert.Contains(s, new[] { 0, 429 }));
        // Another address has its own budget; the right password still works from there.
        Assert.NotNull(await authenticator.AuthenticateAsync("ops", "a-password", "192.0.2.2", CancellationToken.None));
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
