using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.Onboard;

/// <summary>
/// A random cluster-wide key that wraps the secrets the store keeps for the service itself
/// (certificate private keys, key-server passwords), so the store only ever sees encrypted blobs.
/// Each node holds a copy sealed to its own node key, exactly like the onboard root key.
/// </summary>
public sealed class ClusterSecret : IDisposable
{
    private RootKey? key;

    public async Task InitializeAsync(IStore store, NodeKey nodeKey, Guid node, CancellationToken ct)
    {
        var nodeId = node.ToString();
        key = await store.WriteAsync(async (c, tx, t) =>
        {
            var mine = (byte[]?)await Db.ScalarAsync(c, tx, "SELECT sealed FROM cluster_secret_seals WHERE node_uuid = @n", t, ("@n", nodeId));
            if (mine is not null)
            {
                return nodeKey.Unseal(mine, nodeId);
            }
            if (await Db.ScalarAsync(c, tx, "SELECT node_uuid FROM cluster_secret_seals", t) is not null)
            {
                // Another node made the secret; only a node that holds it can seal a copy for this one.
                return null;
            }
            var created = RootKey.Generate();
            await Db.ExecuteAsync(c, tx, "INSERT INTO cluster_secret_seals (node_uuid, sealed) VALUES (@n, @s)", t, ("@n", nodeId), ("@s", nodeKey.Seal(created, nodeId)));
            return created;
        }, ct);
    }

    public bool Held => key is not null;

    /// <summary>Seals a copy for every node that has none; only a node holding the secret can.</summary>
    public async Task<int> SealForNewNodesAsync(IStore store, CancellationToken ct)
    {
        if (key is null)
        {
            return 0;
        }
        return await store.WriteAsync(async (c, tx, t) =>
        {
            var missing = await Db.QueryAsync(c, tx,
                "SELECT n.uuid, n.public_key FROM nodes n LEFT JOIN cluster_secret_seals s ON s.node_uuid = n.uuid WHERE s.node_uuid IS NULL",
                r => (r.GetString(0), (byte[])r.GetValue(1)), t);
            foreach (var (node, publicKey) in missing)
            {
                await Db.ExecuteAsync(c, tx, "INSERT INTO cluster_secret_seals (node_uuid, sealed) VALUES (@n, @s)", t,
                    ("@n", node), ("@s", NodeKey.Seal(key, publicKey, node)));
            }
            return missing.Count;
        }, ct);
    }

    /// <summary>Picks up a copy another node sealed for this one after it started.</summary>
    public async Task RefreshAsync(IStore store, NodeKey nodeKey, Guid node, CancellationToken ct)
    {
        if (key is null)
        {
            await InitializeAsync(store, nodeKey, node, ct);
        }
    }

    /// <summary>Envelope encryption: a fresh data key (wrapped under the cluster secret) encrypts the secret with AES-GCM.</summary>
    public byte[] Wrap(string id, string purpose, ReadOnlySpan<byte> secret)
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var wrappedKey = Key.WrapDataKey(id, purpose, dataKey);
            var output = new byte[2 + wrappedKey.Length + NonceSize + secret.Length + TagSize];
            BinaryPrimitives.WriteUInt16BigEndian(output, (ushort)wrappedKey.Length);
            wrappedKey.CopyTo(output.AsSpan(2));
            var nonce = output.AsSpan(2 + wrappedKey.Length, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var gcm = new AesGcm(dataKey, TagSize);
            gcm.Encrypt(nonce, secret, output.AsSpan(2 + wrappedKey.Length + NonceSize, secret.Length), output.AsSpan(output.Length - TagSize), Aad(id, purpose));
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    public byte[] Unwrap(string id, string purpose, ReadOnlySpan<byte> wrapped)
    {
        var keyLength = BinaryPrimitives.ReadUInt16BigEndian(wrapped);
        var dataKey = Key.UnwrapDataKey(id, purpose, wrapped.Slice(2, keyLength));
        try
        {
            var body = wrapped[(2 + keyLength)..];
            var plain = new byte[body.Length - NonceSize - TagSize];
            using var gcm = new AesGcm(dataKey, TagSize);
            gcm.Decrypt(body[..NonceSize], body.Slice(NonceSize, plain.Length), body[^TagSize..], plain, Aad(id, purpose));
            return plain;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private const int NonceSize = 12, TagSize = 16;

    private static byte[] Aad(string id, string purpose) => Encoding.UTF8.GetBytes($"keyhold/cluster-secret/v1|{id}|{purpose}");

    /// <summary>A joining node without its copy yet refuses with 503 (262195), never a 500: the sync will bring it.</summary>
    private RootKey Key => key ?? throw OntapErrors.ClusterSecretNotHeld.With();

    public void Dispose() => key?.Dispose();
}
