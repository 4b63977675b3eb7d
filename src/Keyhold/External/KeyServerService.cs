using System.Text;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.External;

/// <summary>Adds, changes and removes the key servers of an external key manager (/key-servers).</summary>
public sealed class KeyServerService(IStore store, ExternalService external, ClusterSecret secret, KmipProbe probe, ConnectivityCache connectivity)
{
    /// <summary>Verifies every new server with the key manager's certificates, then stores them all or none.</summary>
    public async Task<List<KeyServer>> AddAsync(KeyManager km, IReadOnlyList<string> servers, string target, CancellationToken ct)
    {
        var config = await external.LoadAsync(km, ct);
        ServerList.Check(config.Servers.Select(s => s.Server).ToList(), servers, target);
        var next = config.Servers.Count == 0 ? 0 : config.Servers.Max(s => s.Position) + 1;
        var added = servers.Select((s, i) => new KeyServer(km.Uuid, s, next + i, KeyServer.DefaultTimeout, "", null)).ToList();
        using (var identity = await external.IdentityAsync(config, ct))
        {
            await probe.VerifyAllAsync(identity, added, target, ct);
        }
        await store.WriteAsync(async (c, tx, t) =>
        {
            var current = await ExternalRepository.ServersAsync(c, tx, km.Uuid, t);
            ServerList.Check(current.Select(s => s.Server).ToList(), servers, target); // a concurrent add may have won
            foreach (var server in added)
            {
                await ExternalRepository.InsertServerAsync(c, tx, server, t);
            }
            return 0;
        }, ct);
        added.ForEach(s => connectivity.Record(km.Uuid, s.Server, true));
        return added;
    }

    /// <summary>The server named in a path (host:port, host%3Aport, or host for port 5696), or null.</summary>
    public async Task<KeyServer?> FindAsync(KeyManager km, string server, CancellationToken ct)
    {
        var config = await external.LoadAsync(km, ct);
        return ServerAddress.TryParse(server, out var address) ? config.Servers.FirstOrDefault(s => s.Server == address.ToString()) : null;
    }

    public async Task ModifyAsync(KeyServer server, int? timeout, string? username, string? password, CancellationToken ct)
    {
        if (timeout is < 1 or > 60)
        {
            throw OntapErrors.InvalidFieldValue.With("timeout", timeout.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "timeout");
        }
        var changed = server with
        {
            Timeout = timeout ?? server.Timeout,
            Username = username ?? server.Username,
            WrappedPassword = password is null ? server.WrappedPassword
                : password.Length == 0 ? null : secret.Wrap(server.SecretId, KeyServer.PasswordPurpose, Encoding.UTF8.GetBytes(password)),
        };
        await store.WriteAsync(async (c, tx, t) =>
        {
            await ExternalRepository.UpdateServerAsync(c, tx, changed, t);
            return 0;
        }, ct);
    }

    /// <summary>Removes a server; refused (65536700) when some key in use would be left on no other configured server.</summary>
    public async Task RemoveAsync(KeyManager km, KeyServer server, CancellationToken ct)
    {
        await store.WriteAsync(async (c, tx, t) =>
        {
            var configured = (await ExternalRepository.ServersAsync(c, tx, km.Uuid, t)).Select(s => s.Server).ToHashSet();
            foreach (var key in await DataKeyRepository.ListAsync(c, tx, km.Uuid, t))
            {
                if (KeyHolders.OnlyOn(key, server.Server, configured))
                {
                    throw OntapErrors.KeyServerHoldsKeys.With("server");
                }
            }
            await ExternalRepository.DeleteServerAsync(c, tx, km.Uuid, server.Server, t);
            return 0;
        }, ct);
        connectivity.Forget(km.Uuid, server.Server);
    }
}
