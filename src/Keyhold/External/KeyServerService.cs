using System.Text;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Keys;
using Keyhold.Storage;
using Keyhold.Storage.Query;

namespace Keyhold.External;

/// <summary>
/// Adds, changes and removes the key servers of an external key manager (/key-servers). Every method names the key
/// manager by uuid: 404 (target uuid) when there is none, 65536828 when it is not external, and for a change, also when
/// it is a staged (inactive) configuration.
/// </summary>
public sealed class KeyServerService(IStore store, KeyManagerRepository managers, ExternalService external, ClusterSecret secret, KmipProbe probe,
    ConnectivityCache connectivity, ConnectivityReport report, ExternalRepository repository)
{
    /// <summary>The external key manager <paramref name="keyManager"/>.</summary>
    public async Task<KeyManager> FindManagerAsync(Guid keyManager, CancellationToken ct)
    {
        var km = await managers.FindAsync(keyManager, ct) ?? throw OntapErrors.EntryNotFound.With("uuid");
        await external.LoadAsync(km, ct);
        return km;
    }

    /// <summary>
    /// The external key manager <paramref name="keyManager"/>, to change its servers: 65536828 also when it is a
    /// configuration only staged (create_inactive), since add-servers, modify-server and remove-servers act on the SVM's
    /// enabled configuration (<see cref="InactiveConfigurations"/>). Reading its servers stays allowed.
    /// </summary>
    private async Task<KeyManager> FindEnabledManagerAsync(Guid keyManager, CancellationToken ct)
    {
        var km = await FindManagerAsync(keyManager, ct);
        InactiveConfigurations.RequireKeyManagerOfItsSvm(km, "uuid");
        return km;
    }

    /// <summary>A page of the key manager's servers; filters, order and paging from the ONTAP query run in SQL.</summary>
    public async Task<List<KeyServerRecord>> QueryAsync(KeyManager km, SqlPlan plan, bool withConnectivity, CancellationToken ct) =>
        await report.WithConnectivityAsync(km.Uuid, await repository.QueryAsync(km.Uuid, plan, ct), withConnectivity, ct);

    /// <summary>One server (host:port, host%3Aport, or host for port 5696); 404 (target server) when not configured.</summary>
    public async Task<KeyServerRecord> GetAsync(Guid keyManager, string server, bool withConnectivity, CancellationToken ct)
    {
        var found = await FindAsync(await FindManagerAsync(keyManager, ct), server, ct) ?? throw OntapErrors.EntryNotFound.With("server");
        return KeyServerRecord.Of(found, withConnectivity ? await report.ForServerAsync(found, ct) : null);
    }

    /// <summary>Verifies every new server with the key manager's certificates, then stores them all or none.</summary>
    public async Task<List<KeyServerRecord>> AddAsync(Guid keyManager, AddKeyServer command, CancellationToken ct)
    {
        var km = await FindEnabledManagerAsync(keyManager, ct);
        if (command.Server is not null && command.Records is not null)
        {
            throw OntapErrors.InvalidFieldValue.With("records", "records", "records"); // "Not valid in POST if server is provided."
        }
        var target = command.Server is not null ? "server" : "records";
        var servers = command.Server is { } single ? [ServerAddress.Parse(single, "server").ToString()] : ServerList.FromRecords(command.Records, "records");
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
            await InactiveConfigurations.RequireKeyManagerOfItsSvmAsync(c, tx, km.Uuid, "uuid", t);
            var current = await ExternalRepository.ServersAsync(c, tx, km.Uuid, t);
            ServerList.Check(current.Select(s => s.Server).ToList(), servers, target); // a concurrent add may have won
            foreach (var server in added)
            {
                await ExternalRepository.InsertServerAsync(c, tx, server, t);
            }
            return 0;
        }, ct);
        added.ForEach(s => connectivity.Record(km.Uuid, s.Server, true));
        return [.. added.Select(s => KeyServerRecord.Of(s))];
    }

    /// <summary>
    /// Changes timeout (1..60 s), username, password, the secondaries (the whole list) and the create/remove timeout
    /// (-1..60 s); the password is stored wrapped under the cluster secret only.
    /// </summary>
    public async Task<KeyServerRecord> ModifyAsync(Guid keyManager, string server, ModifyKeyServer command, CancellationToken ct)
    {
        var km = await FindEnabledManagerAsync(keyManager, ct);
        var found = await FindAsync(km, server, ct) ?? throw OntapErrors.EntryNotFound.With("server");
        if (command.Timeout is < 1 or > 60)
        {
            throw OntapErrors.InvalidFieldValue.With("timeout", command.Timeout.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "timeout");
        }
        if (command.CreateRemoveTimeout is < -1 or > 60)
        {
            throw OntapErrors.InvalidFieldValue.With("create_remove_timeout",
                command.CreateRemoveTimeout.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "create_remove_timeout");
        }
        var secondaries = command.SecondaryKeyServers is { } list
            ? SecondaryKeyServers.Check(list, found, (await external.LoadAsync(km, ct)).Servers)
            : found.SecondaryKeyServers;
        var changed = found with
        {
            SecondaryKeyServers = secondaries,
            CreateRemoveTimeout = command.CreateRemoveTimeout ?? found.CreateRemoveTimeout,
            Timeout = command.Timeout ?? found.Timeout,
            Username = command.Username ?? found.Username,
            WrappedPassword = command.Password is not { } password ? found.WrappedPassword
                : password.Length == 0 ? null : secret.Wrap(found.SecretId, KeyServer.PasswordPurpose, Encoding.UTF8.GetBytes(password)),
        };
        // A credential being set needs its other half: a password for no username, or a new username with no password,
        // could never log in. Removing the password alone ("") stays allowed.
        if (command.Password is { Length: > 0 } && changed.Username.Length == 0)
        {
            throw OntapErrors.KeyServerMissingUsername.With("username");
        }
        if (command.Username is { Length: > 0 } && changed.WrappedPassword is null)
        {
            throw OntapErrors.KeyServerMissingPassword.With("password");
        }
        await store.WriteAsync(async (c, tx, t) =>
        {
            await InactiveConfigurations.RequireKeyManagerOfItsSvmAsync(c, tx, km.Uuid, "uuid", t);
            await ExternalRepository.UpdateServerAsync(c, tx, changed, t);
            return 0;
        }, ct);
        return KeyServerRecord.Of(changed);
    }

    /// <summary>
    /// Removes a server: 65536843 when it is not configured; refused (65536700) when some key in use would be left on
    /// no other configured server.
    /// </summary>
    public async Task RemoveAsync(Guid keyManager, string server, CancellationToken ct)
    {
        var km = await FindEnabledManagerAsync(keyManager, ct);
        // ONTAP's DELETE documents 65536843 for a server that is not configured (GET and PATCH answer 404).
        var found = await FindAsync(km, server, ct) ?? throw OntapErrors.KeyServerNotConfigured.With("server");
        await store.WriteAsync(async (c, tx, t) =>
        {
            await InactiveConfigurations.RequireKeyManagerOfItsSvmAsync(c, tx, km.Uuid, "uuid", t);
            var configured = (await ExternalRepository.ServersAsync(c, tx, km.Uuid, t)).Select(s => s.Server).ToHashSet();
            foreach (var key in await DataKeyRepository.ListAsync(c, tx, km.Uuid, t))
            {
                if (KeyHolders.OnlyOn(key, found.Server, configured))
                {
                    throw OntapErrors.KeyServerHoldsKeys.With("server");
                }
            }
            await ExternalRepository.DeleteServerAsync(c, tx, km.Uuid, found.Server, t);
            return 0;
        }, ct);
        connectivity.Forget(km.Uuid, found.Server);
    }

    private async Task<KeyServer?> FindAsync(KeyManager km, string server, CancellationToken ct)
    {
        var config = await external.LoadAsync(km, ct);
        return ServerAddress.TryParse(server, out var address) ? config.Servers.FirstOrDefault(s => s.Server == address.ToString()) : null;
    }
}
