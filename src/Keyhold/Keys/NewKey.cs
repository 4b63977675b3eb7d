using System.Security.Cryptography;

namespace Keyhold.Keys;

/// <summary>A new key for a store to place: a fresh ID and random material, pinned so the GC never leaves a copy, zeroed after.</summary>
public static class NewKey
{
    public static Task<DataKey> CreateAsync(KeyManager km, KeyRequest request, Func<DataKey, byte[], Task<DataKey>> place) =>
        CreateAsync(km, request, TimeProvider.System, place);

    public static async Task<DataKey> CreateAsync(KeyManager km, KeyRequest request, TimeProvider clock, Func<DataKey, byte[], Task<DataKey>> place)
    {
        var material = GC.AllocateArray<byte>(KeyTypes.VekLength, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(material);
            var key = new DataKey(KeyId.New(), km.Uuid, request.KeyType, request.SvmUuid, request.KeyTag, null, request.Metadata, clock.GetUtcNow());
            return await place(key, material);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }
}
