using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.Tests.Keys;

/// <summary>Reads keys' plaintext through the service's own key stores (in process; material never goes out through the API).</summary>
public static class KeyMaterial
{
    public static async Task<byte[]> ReadAsync(IServiceProvider services, string keyId)
    {
        var store = services.GetRequiredService<IStore>();
        var (key, km) = await store.ReadAsync(async (c, t) =>
        {
            var key = await DataKeyRepository.FindAsync(c, null, keyId, t) ?? throw new InvalidOperationException($"No key {keyId}.");
            return (key, await KeyManagerRepository.FindAsync(c, null, key.KeyManagerUuid, t));
        });
        return await services.GetRequiredService<KeyStores>().For(km!.Kind).ReadAsync(key, CancellationToken.None);
    }

    /// <summary>Every stored key's ID and plaintext.</summary>
    public static async Task<Dictionary<string, byte[]>> ReadAllAsync(IServiceProvider services)
    {
        var ids = await services.GetRequiredService<IStore>().ReadAsync((c, t) => Db.QueryAsync(c, null, "SELECT key_id FROM keys", r => r.GetString(0), t));
        var all = new Dictionary<string, byte[]>();
        foreach (var id in ids)
        {
            all[id] = await ReadAsync(services, id);
        }
        return all;
    }
}
