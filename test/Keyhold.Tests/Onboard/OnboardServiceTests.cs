using System.Diagnostics;
using Keyhold.Cluster;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Tests.Support;
using Microsoft.Extensions.Options;

namespace Keyhold.Tests.Onboard;

/// <summary>The onboard rules called directly, on a real SQLite store: no HTTP.</summary>
public sealed class OnboardServiceTests : IAsyncLifetime
{
    private const string Wrong = "this is not the passphrase, but long enough";

    private readonly FakeClock clock = new(new DateTimeOffset(2031, 4, 5, 6, 7, 8, TimeSpan.Zero));
    private KeyholdServices services = null!;

    private OnboardService Onboard => services.Get<OnboardService>();

    public async Task InitializeAsync() => services = await KeyholdServices.StartAsync(clock, ("KdfIterations", "3000"));

    public async Task DisposeAsync() => await services.DisposeAsync();

    private Task<KeyManager> EnableAsync() => Onboard.EnableAsync(new EnableOnboard(null, OnboardSetup.Passphrase, null, false), default);

    private Task<OnboardState?> StateAsync(Guid km) => services.Store.ReadAsync((c, t) => OnboardRepository.FindAsync(c, null, km, t));

    private Task<List<(Guid Node, byte[] Sealed)>> SealsAsync(Guid km) => services.Store.ReadAsync((c, t) => OnboardRepository.SealsAsync(c, null, km, t));

    private static async Task<string> CodeOfAsync(Func<Task> call) => (await Assert.ThrowsAsync<OntapException>(call)).Code;

    [Fact]
    public async Task Enable_stores_the_key_manager_the_wrapped_root_key_with_the_configured_KDF_and_a_seal_for_the_node()
    {
        var km = await EnableAsync();

        Assert.Equal(KeyManager.Onboard, km.Kind);
        Assert.Null(km.SvmUuid);
        var stored = await services.Get<KeyManagerRepository>().FindAsync(km.Uuid, default);
        Assert.Equal(km with { Created = stored!.Created }, stored);
        var state = await StateAsync(km.Uuid);
        Assert.Equal(3000, state!.Kdf.Iterations);
        using var root = RootKeyWrapping.Unwrap(OnboardSetup.Passphrase, state.Kdf, state.WrappedRootKey);
        Assert.Equal(root.Fingerprint, state.RootFingerprint);
        var seal = Assert.Single(await SealsAsync(km.Uuid));
        Assert.Equal(services.Get<NodeIdentity>().Uuid, seal.Node);
        Assert.Empty(await Onboard.UnsynchronizedNodesAsync(km.Uuid, default));
    }

    [Fact]
    public async Task Stored_timestamps_come_from_the_registered_clock()
    {
        var km = await EnableAsync();
        Assert.Equal(clock.Now, km.Created);
        Assert.Equal(clock.Now, (await services.Get<KeyManagerRepository>().FindAsync(km.Uuid, default))!.Created);
        Assert.Equal(clock.Now, (await StateAsync(km.Uuid))!.Changed);

        clock.Advance(TimeSpan.FromDays(3));
        await Onboard.ModifyAsync(km, new ChangeOnboard(OnboardSetup.Passphrase, OnboardSetup.Other, false), default);

        Assert.Equal(clock.Now, (await StateAsync(km.Uuid))!.Changed);
    }

    [Fact]
    public async Task Enable_twice_is_65536907_and_leaves_the_first_untouched()
    {
        var km = await EnableAsync();
        var before = await StateAsync(km.Uuid);

        Assert.Equal(OntapErrors.OnboardAlreadyConfigured.Code, await CodeOfAsync(EnableAsync));

        var after = await StateAsync(km.Uuid);
        Assert.Equal(before!.WrappedRootKey, after!.WrappedRootKey);
        Assert.Equal(1L, StoreProbe.Count(services.DataDir, "key_managers"));
    }

    [Fact]
    public async Task Enable_on_a_configured_cluster_is_refused_before_the_KDF_runs()
    {
        await EnableAsync();
        // The most iterations Keyhold accepts: one derivation takes tens of seconds, so a KDF run cannot hide.
        var costly = new OnboardService(services.Store, services.Get<RootKeyCache>(), services.Get<ClusterRepository>(), services.Get<ClusterContext>(),
            services.Get<PassphraseAttemptLimiter>(), Options.Create(new OnboardOptions { KdfIterations = KdfParameters.MaxIterations }), clock);

        var watch = Stopwatch.StartNew();
        var code = await CodeOfAsync(() => costly.EnableAsync(new EnableOnboard(null, OnboardSetup.Other, null, false), default));

        Assert.Equal(OntapErrors.OnboardAlreadyConfigured.Code, code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Refusing took {watch.Elapsed}: the KDF ran before the check.");
    }

    [Fact]
    public async Task Passphrase_change_rewraps_the_same_root_key_under_the_new_passphrase()
    {
        var km = await EnableAsync();
        var before = await StateAsync(km.Uuid);

        await Onboard.ModifyAsync(km, new ChangeOnboard(OnboardSetup.Passphrase, OnboardSetup.Other, false), default);

        var after = await StateAsync(km.Uuid);
        Assert.NotEqual(before!.WrappedRootKey, after!.WrappedRootKey);
        Assert.Equal(before.RootFingerprint, after.RootFingerprint);
        using var root = RootKeyWrapping.Unwrap(OnboardSetup.Other, after.Kdf, after.WrappedRootKey);
        Assert.Equal(before.RootFingerprint, root.Fingerprint);
        Assert.Throws<WrongPassphraseException>(() => RootKeyWrapping.Unwrap(OnboardSetup.Passphrase, after.Kdf, after.WrappedRootKey).Dispose());
    }

    [Theory]
    [InlineData(Wrong, OnboardSetup.Other, "65536139")]
    [InlineData(OnboardSetup.Passphrase, OnboardSetup.Passphrase, "65536150")]
    [InlineData(OnboardSetup.Passphrase, "too short", "65536404")]
    [InlineData(null, OnboardSetup.Other, "65536917")]
    public async Task A_refused_passphrase_change_stores_nothing(string? existing, string passphrase, string code)
    {
        var km = await EnableAsync();
        var before = await StateAsync(km.Uuid);

        Assert.Equal(code, await CodeOfAsync(() => Onboard.ModifyAsync(km, new ChangeOnboard(existing, passphrase, false), default)));

        var after = await StateAsync(km.Uuid);
        Assert.Equal(before!.WrappedRootKey, after!.WrappedRootKey);
        Assert.Equal(before.Kdf, after.Kdf);
    }

    [Fact]
    public async Task Synchronize_seals_the_root_key_for_a_node_that_joined_later()
    {
        var km = await EnableAsync();
        using var laterKey = NodeKey.Generate();
        var later = new NodeIdentity(Guid.NewGuid(), "node-later");
        await services.Get<ClusterRepository>().EnsureAsync(later, laterKey.PublicKey);
        Assert.Equal(["node-later"], (await Onboard.UnsynchronizedNodesAsync(km.Uuid, default)).Select(n => n.Name));

        Assert.Equal(OntapErrors.PassphraseIncorrect.Code, await CodeOfAsync(() => Onboard.ModifyAsync(km, new ChangeOnboard(Wrong, null, true), default)));
        Assert.Single(await SealsAsync(km.Uuid));
        await Onboard.ModifyAsync(km, new ChangeOnboard(OnboardSetup.Passphrase, null, true), default);

        Assert.Empty(await Onboard.UnsynchronizedNodesAsync(km.Uuid, default));
        var seal = (await SealsAsync(km.Uuid)).Single(s => s.Node == later.Uuid);
        using var root = laterKey.Unseal(seal.Sealed, later.Uuid.ToString());
        Assert.Equal((await StateAsync(km.Uuid))!.RootFingerprint, root.Fingerprint);
    }

    [Fact]
    public async Task Key_backup_holds_the_stored_KDF_wrapped_root_key_and_every_wrapped_key_and_opens_with_the_passphrase()
    {
        var km = await EnableAsync();
        var key = await services.Get<KeyStores>().For(KeyManager.Onboard).CreateAsync(km, new KeyRequest(KeyTypes.Vek, null, "tag", """{"volume":"v1"}"""), default);
        await services.Store.WriteAsync(async (c, tx, t) =>
        {
            await DataKeyRepository.InsertAsync(c, tx, key, t);
            return 0;
        });

        var text = await Onboard.BackupAsync(km.Uuid, default);
        var armoured = text!.ToString();

        var contents = KeyBackup.Decode(armoured);
        var state = await StateAsync(km.Uuid);
        Assert.Equal(state!.Kdf, contents.Kdf);
        Assert.Equal(state.WrappedRootKey, contents.WrappedRootKey);
        Assert.Equal(services.Get<ClusterContext>().Cluster.Uuid.ToString(), contents.ClusterUuid);
        var backedUp = Assert.Single(contents.Keys);
        Assert.Equal((key.KeyId, key.KeyType, key.Metadata), (backedUp.KeyId, backedUp.KeyType, backedUp.Metadata));
        Assert.Equal(key.Wrapped, backedUp.Wrapped);
        using var recovered = OnboardRecovery.Recover(armoured, OnboardSetup.Passphrase);
        Assert.Equal(state.RootFingerprint, recovered.RootKey.Fingerprint);
        // Unchanged inputs give the very same text (it is cached); a change of passphrase gives a new one.
        Assert.Same(text, await Onboard.BackupAsync(km.Uuid, default));
        await Onboard.ModifyAsync(km, new ChangeOnboard(OnboardSetup.Passphrase, OnboardSetup.Other, false), default);
        Assert.NotEqual(armoured, (await Onboard.BackupAsync(km.Uuid, default))!.ToString());
    }
}
