using Keyhold.KeyManagers;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Storage;
using Keyhold.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Keyhold.Tests.KeyManagers;

/// <summary>The key-managers rules called directly, on a real SQLite store: no HTTP.</summary>
public sealed class KeyManagerServiceTests : IAsyncLifetime
{
    private const string Wrong = "this is not the passphrase, but long enough";

    private KeyholdServices services = null!;

    private KeyManagerService Service => services.Get<KeyManagerService>();

    public async Task InitializeAsync() => services = await KeyholdServices.StartAsync();

    public async Task DisposeAsync() => await services.DisposeAsync();

    private Task<KeyManager> EnableAsync() =>
        Service.CreateAsync(new CreateKeyManager(new SvmSelector(null, null), null, new OnboardPart(OnboardSetup.Passphrase, null, false), null), default);

    private Task<OnboardState?> StateAsync(Guid km) => services.Store.ReadAsync((c, t) => OnboardRepository.FindAsync(c, null, km, t));

    private async Task<bool> DareDisabledAsync(Guid km) => (await services.Get<KeyManagerRepository>().FindAsync(km, default))!.DareDisabled;

    private Task ExecuteAsync(string sql) => services.Store.WriteAsync((c, tx, t) => Db.ExecuteAsync(c, tx, sql, t));

    [Fact]
    public async Task Create_with_onboard_enables_it_and_returns_the_stored_key_manager()
    {
        var km = await EnableAsync();

        Assert.Equal(km, await services.Get<KeyManagerRepository>().FindAsync(km.Uuid, default));
        Assert.NotNull(await StateAsync(km.Uuid));
    }

    [Fact]
    public async Task Create_with_neither_part_and_with_both_parts_are_refused()
    {
        var neither = await Assert.ThrowsAsync<OntapException>(() =>
            Service.CreateAsync(new CreateKeyManager(new SvmSelector(null, null), null, null, null), default));
        Assert.Equal(OntapErrors.ExternalRequiresCertsAndServers.Code, neither.Code);
        var both = await Assert.ThrowsAsync<OntapException>(() => Service.CreateAsync(
            new CreateKeyManager(new SvmSelector(null, null), null, new OnboardPart(OnboardSetup.Passphrase, null, false), new Keyhold.External.EnableExternal(null, null, null)), default));
        Assert.Equal(OntapErrors.OnboardAndExternalTogether.Code, both.Code);
        Assert.Equal(0L, StoreProbe.Count(services.DataDir, "key_managers"));
    }

    [Fact]
    public async Task Passphrase_change_and_flag_land_together()
    {
        var km = await EnableAsync();
        var before = await StateAsync(km.Uuid);

        await Service.ModifyAsync(km, new ModifyKeyManager(new OnboardPart(OnboardSetup.Other, OnboardSetup.Passphrase, false), null, true), default);

        Assert.True(await DareDisabledAsync(km.Uuid));
        Assert.NotEqual(before!.WrappedRootKey, (await StateAsync(km.Uuid))!.WrappedRootKey);
    }

    [Fact]
    public async Task When_the_flag_cannot_be_written_the_passphrase_change_is_not_committed()
    {
        var km = await EnableAsync();
        var before = await StateAsync(km.Uuid);
        await ExecuteAsync("CREATE TRIGGER refuse_dare BEFORE UPDATE OF dare_disabled ON key_managers BEGIN SELECT RAISE(ABORT, 'refused'); END");

        await Assert.ThrowsAsync<SqliteException>(() =>
            Service.ModifyAsync(km, new ModifyKeyManager(new OnboardPart(OnboardSetup.Other, OnboardSetup.Passphrase, false), null, true), default));

        var after = await StateAsync(km.Uuid);
        Assert.Equal(before!.WrappedRootKey, after!.WrappedRootKey);
        Assert.Equal(before.Kdf, after.Kdf);
    }

    [Fact]
    public async Task When_the_passphrase_part_fails_the_flag_does_not_change()
    {
        var km = await EnableAsync();

        var refused = await Assert.ThrowsAsync<OntapException>(() =>
            Service.ModifyAsync(km, new ModifyKeyManager(new OnboardPart(OnboardSetup.Other, Wrong, false), null, true), default));

        Assert.Equal(OntapErrors.PassphraseIncorrect.Code, refused.Code);
        Assert.False(await DareDisabledAsync(km.Uuid));
    }

    [Fact]
    public async Task When_storing_the_new_wrap_fails_the_flag_does_not_change()
    {
        var km = await EnableAsync();
        await ExecuteAsync("CREATE TRIGGER refuse_wrap BEFORE INSERT ON onboard BEGIN SELECT RAISE(ABORT, 'refused'); END");

        await Assert.ThrowsAsync<SqliteException>(() =>
            Service.ModifyAsync(km, new ModifyKeyManager(new OnboardPart(OnboardSetup.Other, OnboardSetup.Passphrase, false), null, true), default));

        Assert.False(await DareDisabledAsync(km.Uuid));
        Assert.NotNull(await StateAsync(km.Uuid));
    }

    [Fact]
    public async Task Delete_with_keys_present_is_65536239_and_keeps_everything()
    {
        var km = await EnableAsync();
        var key = await services.Get<KeyStores>().For(KeyManager.Onboard).CreateAsync(km, new KeyRequest(KeyTypes.Vek, null, "tag", "{}"), default);
        await services.Store.WriteAsync(async (c, tx, t) =>
        {
            await DataKeyRepository.InsertAsync(c, tx, key, t);
            return 0;
        });

        var refused = await Assert.ThrowsAsync<OntapException>(() => Service.DeleteAsync(km, default));

        Assert.Equal(OntapErrors.EncryptedVolumesExist.Code, refused.Code);
        Assert.NotNull(await services.Get<KeyManagerRepository>().FindAsync(km.Uuid, default));
        Assert.NotNull(await StateAsync(km.Uuid));
        Assert.Equal(1L, StoreProbe.Count(services.DataDir, "root_key_seals"));
    }

    [Fact]
    public async Task Delete_without_keys_removes_the_key_manager_and_its_onboard_rows()
    {
        var km = await EnableAsync();

        await Service.DeleteAsync(km, default);

        Assert.Null(await services.Get<KeyManagerRepository>().FindAsync(km.Uuid, default));
        Assert.Equal(0L, StoreProbe.Count(services.DataDir, "onboard"));
        Assert.Equal(0L, StoreProbe.Count(services.DataDir, "root_key_seals"));
    }

    [Fact]
    public async Task The_reader_gives_the_key_backup_only_when_asked_and_the_status()
    {
        var km = await EnableAsync();
        var reader = services.Get<KeyManagerReader>();

        var plain = await reader.ReadAsync(km, KeyManagerParts.None, default);
        var full = await reader.ReadAsync(km, new KeyManagerParts(true, true), default);

        Assert.False(plain.HasKeyBackup);
        Assert.Null(plain.KeyBackup);
        Assert.Null(plain.Status);
        Assert.True(full.HasKeyBackup);
        Assert.Same(await services.Get<OnboardService>().BackupAsync(km.Uuid, default), full.KeyBackup);
        Assert.Equal(new KeyManagerHealth(0, KeyManagerStatus.Ok), full.Status);
    }
}
