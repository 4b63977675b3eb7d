using Keyhold.Keys;

namespace Keyhold.Tests.Keys;

/// <summary>
/// The real key store of one kind with a pause point: every call goes to the real store (real KMIP servers), and a test
/// can change the world at a chosen moment in between (a key manager created, a server stopped). Registered last for
/// its kind, so <see cref="KeyStores"/> picks it.
/// </summary>
public sealed class GatedKeyStore(string kind) : IKeyStore
{
    private IKeyStore? real;
    private int imports;

    /// <summary>Runs after a key is made (given the key) and before the caller stores it.</summary>
    public Func<DataKey, Task>? AfterCreate { get; set; }

    /// <summary>Runs before the n-th import (0-based) reaches the real store.</summary>
    public Func<int, Task>? BeforeImport { get; set; }

    public string Kind => kind;

    /// <summary>Holds the <paramref name="n"/>-th import until Resume; Paused completes when it is held.</summary>
    public (Task Paused, Action Resume) PauseBeforeImport(int n)
    {
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        BeforeImport = async i =>
        {
            if (i == n)
            {
                paused.SetResult();
                await resume.Task;
            }
        };
        return (paused.Task.WaitAsync(TimeSpan.FromSeconds(60)), resume.SetResult);
    }

    private IKeyStore Inner => real ?? throw new InvalidOperationException("The host has not built its key stores yet.");

    /// <summary>Registers this gate, over the host's own <typeparamref name="T"/>, as the host's store of its kind.</summary>
    public void AddTo<T>(IServiceCollection services) where T : class, IKeyStore =>
        services.AddSingleton<IKeyStore>(sp =>
        {
            real = ActivatorUtilities.CreateInstance<T>(sp);
            return this;
        });

    public async Task<DataKey> CreateAsync(KeyManager km, KeyRequest request, CancellationToken ct)
    {
        var key = await Inner.CreateAsync(km, request, ct);
        if (AfterCreate is { } hook)
        {
            await hook(key);
        }
        return key;
    }

    public async Task<DataKey> ImportAsync(KeyManager km, DataKey key, byte[] material, CancellationToken ct)
    {
        if (BeforeImport is { } hook)
        {
            await hook(Interlocked.Increment(ref imports) - 1);
        }
        return await Inner.ImportAsync(km, key, material, ct);
    }

    public Task AbandonAsync(DataKey key, CancellationToken ct) => Inner.AbandonAsync(key, ct);

    public Task DestroyAsync(DataKey key, CancellationToken ct) => Inner.DestroyAsync(key, ct);

    public Task<byte[]> ReadAsync(DataKey key, CancellationToken ct) => Inner.ReadAsync(key, ct);

    public Task<Func<DataKey, KeyPlacement>> PlacementAsync(KeyManager km, Guid node, CancellationToken ct) => Inner.PlacementAsync(km, node, ct);
}
