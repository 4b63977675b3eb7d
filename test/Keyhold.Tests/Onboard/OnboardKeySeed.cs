using Keyhold.Cluster;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Storage;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Onboard;

/// <summary>Many onboard keys made fast for the key_backup tests, and the backup they must produce.</summary>
internal static class OnboardKeySeed
{
    public static string Metadata(int i) => $$"""{"volume":"v{{i:D6}}"}""";

    /// <summary>Keys made and wrapped by the onboard key store itself, stored 2,000 to a transaction.</summary>
    public static async Task<List<DataKey>> SeedAsync(KeyholdFactory factory, KeyManager km, int from, int count, Func<int, string>? metadata = null)
    {
        var keyStore = factory.Service<KeyStores>().For(KeyManager.Onboard);
        var keys = new List<DataKey>(count);
        for (var i = from; i < from + count; i++)
        {
            keys.Add(await keyStore.CreateAsync(km, new KeyRequest(KeyTypes.Vek, null, $"k{i}", (metadata ?? Metadata)(i)), default));
        }
        foreach (var batch in keys.Chunk(2000))
        {
            await factory.Service<IStore>().WriteAsync(async (c, tx, t) =>
            {
                foreach (var key in batch)
                {
                    await DataKeyRepository.InsertAsync(c, tx, key, t);
                }
                return 0;
            });
        }
        return keys;
    }

    /// <summary>The key_backup as encoding every stored key afresh gives it (the format's one encoder, keys in key ID order).</summary>
    public static async Task<string> FreshEncodingAsync(KeyholdFactory factory, Guid keyManager)
    {
        var (state, keys) = await factory.Service<IStore>().ReadAsync(async (c, t) =>
            (await OnboardRepository.FindAsync(c, null, keyManager, t), await DataKeyRepository.ListAsync(c, null, keyManager, t)));
        var entries = keys.OrderBy(k => k.KeyId, StringComparer.Ordinal).Select(k => new BackupKey(k.KeyId, k.KeyType, k.Wrapped!, k.Metadata)).ToList();
        return KeyBackup.Encode(new BackupContents(state!.Kdf, state.WrappedRootKey, entries, factory.Service<ClusterContext>().Cluster.Uuid.ToString()));
    }
}
