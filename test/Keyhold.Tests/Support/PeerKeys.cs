using System.Security.Cryptography.X509Certificates;
using Keyhold.Kmip;

namespace Keyhold.Tests.Support;

/// <summary>What a PyKMIP peer itself holds, asked over KMIP with the peer's client identity (not through Keyhold).</summary>
public static class PeerKeys
{
    /// <summary>The material of object <paramref name="uid"/>, or null when the server has no such object (destroyed).</summary>
    public static async Task<byte[]?> MaterialAsync(KmipPeer peer, string uid)
    {
        await using var client = Client(peer);
        try
        {
            return await client.GetKeyMaterialAsync(uid);
        }
        catch (KmipOperationException e) when (e.Reason == ResultReason.ItemNotFound)
        {
            return null;
        }
    }

    /// <summary>Revokes and destroys object <paramref name="uid"/> on the peer behind Keyhold's back: a key server that lost a key.</summary>
    public static async Task DestroyAsync(KmipPeer peer, string uid)
    {
        await using var client = Client(peer);
        await client.RevokeAsync(uid, RevocationReasonCode.CessationOfOperation);
        await client.DestroyAsync(uid);
    }

    /// <summary>Revokes object <paramref name="uid"/> (cessation of operation) and leaves it: a destroy that failed after its revoke.</summary>
    public static async Task RevokeAsync(KmipPeer peer, string uid)
    {
        await using var client = Client(peer);
        await client.RevokeAsync(uid, RevocationReasonCode.CessationOfOperation);
    }

    /// <summary>The objects named <paramref name="keyId"/> (Keyhold names every key it registers by its key ID).</summary>
    public static async Task<IReadOnlyList<string>> LocateAsync(KmipPeer peer, string keyId)
    {
        await using var client = Client(peer);
        return await client.LocateByNameAsync(keyId);
    }

    private static KmipClient Client(KmipPeer peer) => new(new KmipClientOptions
    {
        Host = peer.Host,
        Port = peer.Port,
        ClientCertificate = X509Certificate2.CreateFromPem(peer.ClientCertPem, peer.ClientKeyPem),
        TrustedCaCertificates = [X509Certificate2.CreateFromPem(peer.CaPem)],
        Timeout = TimeSpan.FromSeconds(10),
    });
}
