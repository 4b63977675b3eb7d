using Keyhold.Cluster;
using Keyhold.Jobs;
using Keyhold.Keys;
using Keyhold.Storage;
using Keyhold.Tests.Support;
using Keyhold.Volumes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Keyhold.Tests.Volumes;

/// <summary>
/// The volume services on a real SQLite store in a temp folder, with a controlled clock and recording key stores for
/// both kinds, so the rules run without HTTP, a host or key servers.
/// </summary>
public sealed class VolumeRulesHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public VolumeRulesHarness()
    {
        Store = new SqliteStore(Path.Combine(DataDir, "keyhold.db"));
        SchemaSteps.ApplyAsync(Store).GetAwaiter().GetResult();
        var stores = new KeyStores([Onboard, External]);
        var keys = new VolumeKeys(Store, stores, [], new OnboardKeyCap(Store, Options.Create(new OnboardKeyCapOptions()), Clock), NullLogger<VolumeKeys>.Instance);
        Jobs = new JobRunner(new JobRepository(Store), new NodeIdentity(Guid.NewGuid(), "node-a"), NullLogger<JobRunner>.Instance, new StubLifetime(), Clock);
        Volumes = new VolumeService(Store, keys, new NewVolumeContextCache(), Clock);
        Modification = new VolumeModification(Store, Volumes, new VolumeEncryption(Store, keys, Jobs));
        Svms = new SvmService(Store, Clock);
    }

    public string DataDir { get; } = TempDir.Create();

    public SqliteStore Store { get; }

    public FakeClock Clock { get; } = new(Start);

    public RecordingKeyStore Onboard { get; } = new(KeyManager.Onboard);

    public RecordingKeyStore External { get; } = new(KeyManager.External);

    public JobRunner Jobs { get; }

    public VolumeService Volumes { get; }

    public VolumeModification Modification { get; }

    public SvmService Svms { get; }

    /// <summary>A key manager row (the cluster's when <paramref name="svm"/> is null); the key stores above stand in for its keys.</summary>
    public async Task<KeyManager> KeyManagerAsync(string kind, Svm? svm = null, bool dareDisabled = false)
    {
        var km = new KeyManager(Guid.NewGuid(), svm?.Uuid, svm?.Name, kind, dareDisabled, Start);
        await Store.WriteAsync(async (c, tx, t) =>
        {
            await KeyManagerRepository.InsertAsync(c, tx, km, t);
            return 0;
        });
        return km;
    }

    public Task<Svm> SvmAsync(string name = "vs1") => Svms.CreateAsync(new CreateSvm(name, null), CancellationToken.None);

    public object?[] VolumeRow(Guid uuid) =>
        StoreProbe.Rows(DataDir, $"SELECT name, svm_uuid, size, state, encryption_state, key_id, created FROM volumes WHERE uuid = '{uuid}'").Single();

    /// <summary>key_manager_uuid, key_type, svm_uuid, key_tag, metadata of a stored key, or null when it has no row.</summary>
    public object?[]? KeyRow(string keyId) =>
        StoreProbe.Rows(DataDir, $"SELECT key_manager_uuid, key_type, svm_uuid, key_tag, metadata FROM keys WHERE key_id = '{keyId}'").SingleOrDefault();

    public long Count(string table) => StoreProbe.Count(DataDir, table);

    /// <summary>Waits for a job as a client polling it would, bounded so a stuck job fails the test.</summary>
    public async Task<Job> EndedAsync(Job job)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Jobs.WaitAsync(job.Uuid, TimeSpan.FromDays(1), limit.Token);
    }

    public void Dispose() => Store.Dispose();
}
