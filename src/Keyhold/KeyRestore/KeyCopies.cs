using System.Security.Cryptography;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Kmip;

namespace Keyhold.KeyRestore;

/// <summary>
/// Checks one external key on every primary key server and registers it again where a primary lacks it: no location
/// recorded for that server (it was added, or was down, after the key was made), or the server no longer has the object
/// (ItemNotFound). The copy comes from a primary among the plan's sources only (ONTAP: "This command only restores keys
/// from primary key servers"), and every copy read must be byte for byte the same, or nothing is written. Material is
/// zeroed after use and never logged.
/// </summary>
public sealed class KeyCopies(ConnectivityCache connectivity, ILogger<KeyCopies> log)
{
    public async Task<KeyRepair> RepairAsync(RestorePlan plan, DataKey key, IReadOnlyList<(KeyServer Server, KmipClient Client)> primaries, CancellationToken ct)
    {
        var locations = KeyLocations.Read(key.Metadata);
        var missing = new List<(KeyServer Server, KmipClient Client)>();
        var problems = new List<string>();
        byte[]? reference = null;
        var fromSource = false;
        try
        {
            foreach (var (server, client) in primaries)
            {
                var uid = locations.Where(l => l.Server == server.Server).Select(l => l.KmipUid).FirstOrDefault();
                if (uid is null)
                {
                    missing.Add((server, client));
                    continue;
                }
                byte[] copy;
                try
                {
                    copy = await client.GetKeyMaterialAsync(uid, ct);
                    connectivity.Record(plan.Km.Uuid, server.Server, true);
                }
                catch (KmipOperationException e) when (e.Reason == ResultReason.ItemNotFound)
                {
                    missing.Add((server, client));
                    continue;
                }
                catch (KmipException e)
                {
                    log.LogWarning("Restore: key {KeyId} could not be read from key server {Server} ({Kind})", key.KeyId, server.Server, e.Kind);
                    problems.Add($"{server.Server} could not be read ({e.Kind})");
                    continue;
                }
                if (reference is null)
                {
                    reference = copy;
                }
                else
                {
                    var same = CryptographicOperations.FixedTimeEquals(reference, copy);
                    CryptographicOperations.ZeroMemory(copy);
                    if (!same)
                    {
                        return new KeyRepair(key, [], "its copies on the key servers differ");
                    }
                }
                fromSource |= plan.Sources.Contains(server.Server);
            }
            if (missing.Count == 0)
            {
                return new KeyRepair(key, [], problems.Count == 0 ? null : string.Join("; ", problems));
            }
            if (reference is null || !fromSource)
            {
                problems.Add($"no primary key server it may be restored from holds it ({string.Join(", ", plan.Sources)})");
                return new KeyRepair(key, [], string.Join("; ", problems));
            }
            var added = new List<(string, string)>();
            foreach (var (server, client) in missing)
            {
                try
                {
                    added.Add((server.Server, await RegisterAsync(client, key.KeyId, reference, ct)));
                }
                catch (KmipException e)
                {
                    log.LogWarning("Restore: key {KeyId} could not be registered on key server {Server} ({Kind})", key.KeyId, server.Server, e.Kind);
                    problems.Add($"{server.Server} did not take it ({e.Kind})");
                }
            }
            return new KeyRepair(key, added, problems.Count == 0 ? null : string.Join("; ", problems));
        }
        finally
        {
            if (reference is not null)
            {
                CryptographicOperations.ZeroMemory(reference);
            }
        }
    }

    /// <summary>Revokes and destroys copies a restore made but could not record; failures are logged, never thrown.</summary>
    public async Task AbandonAsync(IReadOnlyList<(string Server, string KmipUid)> added, IReadOnlyList<(KeyServer Server, KmipClient Client)> primaries)
    {
        foreach (var (server, uid) in added)
        {
            var client = primaries.First(p => p.Server.Server == server).Client;
            try
            {
                await client.RevokeAsync(uid, RevocationReasonCode.CessationOfOperation, null, CancellationToken.None);
                await client.DestroyAsync(uid, CancellationToken.None);
            }
            catch (KmipException e)
            {
                log.LogWarning("Restore: an unrecorded copy {Uid} on key server {Server} could not be destroyed ({Kind})", uid, server, e.Kind);
            }
        }
    }

    // A registered key that cannot be activated is useless: destroy it before reporting the failure.
    private static async Task<string> RegisterAsync(KmipClient client, string keyId, byte[] material, CancellationToken ct)
    {
        var uid = await client.RegisterSymmetricKeyAsync(material, keyId, ct);
        try
        {
            await client.ActivateAsync(uid, ct);
        }
        catch (KmipException)
        {
            await client.DestroyAsync(uid, CancellationToken.None);
            throw;
        }
        return uid;
    }
}
