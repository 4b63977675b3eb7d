using System.Data.Common;
using System.Security.Cryptography;
using Keyhold.Keys;
using Keyhold.Kmip;
using Keyhold.Kmip.Server;
using Keyhold.Onboard;

namespace Keyhold.KmipObjects;

/// <summary>
/// Wraps and unwraps KMIP objects under the cluster's onboard root key, like the onboard data keys (AES-256-GCM bound
/// to the object's ID and purpose). Without an enabled onboard key manager, or on a node without its copy of the root
/// key, nothing that needs material can happen: the client gets a KMIP error that says why.
/// </summary>
public sealed class KmipMaterial(RootKeyCache rootKeys)
{
    public async Task<(Guid KeyManager, byte[] Wrapped)> WrapAsync(KeyManager km, string uid, byte[] encodedObject, CancellationToken ct)
    {
        RootKey root = await RootAsync(km.Uuid, ct);
        try
        {
            return (km.Uuid, root.WrapDataKey(uid, KmipObject.WrapPurpose, encodedObject));
        }
        catch (ObjectDisposedException)
        {
            throw new KmipFaultException(ResultReason.GeneralFailure, "The onboard key manager changed while the object was being stored.");
        }
    }

    /// <summary>The encoded object; the caller zeroes it.</summary>
    public async Task<byte[]> UnwrapAsync(KmipObject o, CancellationToken ct)
    {
        if (o.Wrapped is null || o.KeyManagerUuid is not { } km)
        {
            throw new KmipFaultException(ResultReason.KeyValueNotPresent, "The object has no key material.");
        }

        RootKey root = await RootAsync(km, ct);
        try
        {
            return root.UnwrapDataKey(o.Uid, KmipObject.WrapPurpose, o.Wrapped);
        }
        catch (CryptographicException)
        {
            throw new KmipFaultException(ResultReason.CryptographicFailure,
                "The object's material does not unwrap under the onboard root key (was the onboard key manager replaced?).");
        }
    }

    /// <summary>Fails when there is no enabled cluster onboard key manager; checked before anything is stored.</summary>
    public static async Task<KeyManager> OnboardAsync(DbConnection c, DbTransaction? tx, CancellationToken ct)
    {
        KeyManager? km = await KeyManagerRepository.FindByScopeAsync(c, tx, null, ct);
        return km is { Kind: KeyManager.Onboard } ? km : throw NoOnboard();
    }

    private async Task<RootKey> RootAsync(Guid keyManager, CancellationToken ct) =>
        await rootKeys.GetAsync(keyManager, ct) ?? throw new KmipFaultException(ResultReason.GeneralFailure,
            "This node holds no copy of the onboard root key; synchronize the onboard key manager on this node.");

    public static KmipFaultException NoOnboard() => new(ResultReason.GeneralFailure,
        "KMIP objects are kept under the onboard root key: enable the cluster's onboard key manager first.");
}
