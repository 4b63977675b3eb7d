using Keyhold.Keys;

namespace Keyhold.Tests.Volumes;

/// <summary>A key store of one kind that makes rows with a stand-in wrap and records what the volume rules asked of it.</summary>
public sealed class RecordingKeyStore(string kind) : IKeyStore
{
    public string Kind { get; } = kind;

    public List<DataKey> Created { get; } = [];

    public List<DataKey> Abandoned { get; } = [];

    public List<DataKey> Destroyed { get; } = [];

    public Task<DataKey> CreateAsync(KeyManager km, KeyRequest request, CancellationToken ct)
    {
        var key = new DataKey(KeyId.New(), km.Uuid, request.KeyType, request.SvmUuid, request.KeyTag, [1, 2, 3], request.Metadata, DateTimeOffset.UnixEpoch);
        lock (Created)
        {
            Created.Add(key);
        }
        return Task.FromResult(key);
    }

    public Task<DataKey> ImportAsync(KeyManager km, DataKey key, byte[] material, CancellationToken ct) =>
        Task.FromResult(key with { KeyManagerUuid = km.Uuid });

    public Task AbandonAsync(DataKey key, CancellationToken ct)
    {
        lock (Abandoned)
        {
            Abandoned.Add(key);
        }
        return Task.CompletedTask;
    }

    public Task DestroyAsync(DataKey key, CancellationToken ct)
    {
        lock (Destroyed)
        {
            Destroyed.Add(key);
        }
        return Task.CompletedTask;
    }

    public Task<byte[]> ReadAsync(DataKey key, CancellationToken ct) => Task.FromResult(new byte[] { 1, 2, 3 });

    public Task<Func<DataKey, KeyPlacement>> PlacementAsync(KeyManager km, Guid node, CancellationToken ct) =>
        throw new NotSupportedException();
}
