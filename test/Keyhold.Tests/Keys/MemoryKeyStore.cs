using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Keyhold.Keys;
using Keyhold.KeyManagers;
using Keyhold.Storage;
using Keyhold.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Keyhold.Tests.Keys;

/// <summary>
/// A stand-in for the external key store in tests: it plugs in through <see cref="IKeyStore"/> exactly as the KMIP
/// one will, keeps material in memory and records what it was asked to abandon and destroy.
/// </summary>
public sealed class MemoryKeyStore : IKeyStore
{
    public ConcurrentDictionary<string, byte[]> Keys { get; } = new();

    public ConcurrentBag<string> Abandoned { get; } = [];

    public ConcurrentBag<string> Destroyed { get; } = [];

    /// <summary>Runs after a key is made and before the caller stores it: lets a test change the world in between.</summary>
    public Func<Task>? AfterCreate { get; set; }

    public string Kind => KeyManager.External;

    public async Task<DataKey> CreateAsync(KeyManager km, KeyRequest request, CancellationToken ct)
    {
        var id = KeyId.New();
        Keys[id] = RandomNumberGenerator.GetBytes(KeyTypes.VekLength);
        request.Metadata["memory"] = "kept";
        if (AfterCreate is { } hook)
        {
            await hook();
        }
        return new DataKey(id, km.Uuid, request.KeyType, request.SvmUuid, request.KeyTag, null, request.Metadata.ToJsonString(), DateTimeOffset.UtcNow);
    }

    public Task AbandonAsync(DataKey key, CancellationToken ct)
    {
        Abandoned.Add(key.KeyId);
        Keys.TryRemove(key.KeyId, out _);
        return Task.CompletedTask;
    }

    public Task DestroyAsync(DataKey key, CancellationToken ct)
    {
        Destroyed.Add(key.KeyId);
        Keys.TryRemove(key.KeyId, out _);
        return Task.CompletedTask;
    }

    public Task<byte[]> ReadAsync(DataKey key, CancellationToken ct) => Task.FromResult((byte[])Keys[key.KeyId].Clone());

    public Task<Func<DataKey, KeyPlacement>> PlacementAsync(KeyManager km, Guid node, CancellationToken ct) =>
        Task.FromResult<Func<DataKey, KeyPlacement>>(k => new KeyPlacement("memory.example:5696", "memory.example:5696", Keys.ContainsKey(k.KeyId)));

    /// <summary>The factory's app with this store registered; the same data folder.</summary>
    public WebApplicationFactory<Program> Host(KeyholdFactory factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IKeyStore>(this)));

    public static HttpClient Admin(WebApplicationFactory<Program> host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{KeyholdFactory.AdminPassword}")));
        return client;
    }

    /// <summary>An SVM-scoped external key manager row, as the external work will create (no servers needed here).</summary>
    public static async Task<Guid> ExternalKeyManagerAsync(IServiceProvider services, string svmUuid)
    {
        var km = new KeyManager(Guid.NewGuid(), Guid.Parse(svmUuid), null, KeyManager.External, false, DateTimeOffset.UtcNow);
        await services.GetRequiredService<IStore>().WriteAsync(async (c, tx, t) =>
        {
            await KeyManagerRepository.InsertAsync(c, tx, km, t);
            return 0;
        });
        return km.Uuid;
    }
}
