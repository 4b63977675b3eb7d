using System.Data.Common;
using System.Text.Json;
using Keyhold.Storage.Query;
using Keyhold.Storage;

namespace Keyhold.External;

/// <summary>The external part of key_managers (certificate references) and the key_servers table.</summary>
public sealed class ExternalRepository(IStore store)
{
    private const string SelectServers =
        "SELECT ks.key_manager_uuid, ks.server, ks.position, ks.timeout, ks.username, ks.wrapped_password, ks.secondary_key_servers, ks.create_remove_timeout FROM key_servers ks";

    public Task<ExternalConfig?> LoadAsync(Guid keyManager, CancellationToken ct) =>
        store.ReadAsync((c, t) => LoadAsync(c, null, keyManager, t), ct);

    public static async Task<ExternalConfig?> LoadAsync(DbConnection c, DbTransaction? tx, Guid keyManager, CancellationToken ct)
    {
        var certs = await Db.SingleOrDefaultAsync(c, tx, "SELECT client_cert_uuid, server_ca_uuids FROM key_managers WHERE uuid = @u AND kind = 'external'",
            r => new[] { r.StringOrNull(0), r.StringOrNull(1) }, ct, ("@u", keyManager));
        if (certs is null || certs[0] is null)
        {
            return null;
        }
        var cas = JsonSerializer.Deserialize<List<Guid>>(certs[1] ?? "[]") ?? [];
        return new ExternalConfig(keyManager, Guid.Parse(certs[0]!), cas, await ServersAsync(c, tx, keyManager, ct));
    }

    /// <summary>Every enabled external key manager's configuration, for the connectivity monitor (an inactive one has no connectivity, as in ONTAP).</summary>
    public Task<List<ExternalConfig>> AllAsync(CancellationToken ct) =>
        store.ReadAsync(async (c, t) =>
        {
            var ids = await Db.QueryAsync(c, null, "SELECT uuid FROM key_managers WHERE kind = 'external' AND scope_key NOT LIKE '%/inactive/%'", r => Guid.Parse(r.GetString(0)), t);
            var all = new List<ExternalConfig>();
            foreach (var id in ids)
            {
                if (await LoadAsync(c, null, id, t) is { } config)
                {
                    all.Add(config);
                }
            }
            return all;
        }, ct);

    public static Task SetCertificatesAsync(DbConnection c, DbTransaction tx, Guid keyManager, Guid client, IEnumerable<Guid> cas, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "UPDATE key_managers SET client_cert_uuid = @c, server_ca_uuids = @s WHERE uuid = @u", ct,
            ("@u", keyManager), ("@c", client), ("@s", JsonSerializer.Serialize(cas)));

    public static Task<List<KeyServer>> ServersAsync(DbConnection c, DbTransaction? tx, Guid keyManager, CancellationToken ct) =>
        Db.QueryAsync(c, tx, SelectServers + " WHERE ks.key_manager_uuid = @km ORDER BY ks.position, ks.server", Read, ct, ("@km", keyManager));

    /// <summary>A page of a key manager's servers; filters, order and paging from the ONTAP query run in SQL.</summary>
    public Task<List<KeyServer>> QueryAsync(Guid keyManager, SqlPlan plan, CancellationToken ct) =>
        store.QueryPageAsync(SelectServers, plan with { Where = $"ks.key_manager_uuid = @km AND ({plan.Where})" }, Read, ct,
            ("@km", keyManager.ToString()));

    public static Task InsertServerAsync(DbConnection c, DbTransaction tx, KeyServer server, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "INSERT INTO key_servers (key_manager_uuid, server, position, timeout, username, wrapped_password, secondary_key_servers, create_remove_timeout) VALUES (@k, @s, @p, @t, @u, @w, @sec, @crt)", ct,
            ("@k", server.KeyManagerUuid), ("@s", server.Server), ("@p", server.Position), ("@t", server.Timeout), ("@u", server.Username), ("@w", server.WrappedPassword),
            ("@sec", server.SecondaryKeyServers), ("@crt", server.CreateRemoveTimeout));

    public static Task UpdateServerAsync(DbConnection c, DbTransaction tx, KeyServer server, CancellationToken ct) =>
        Db.ExecuteAsync(c, tx, "UPDATE key_servers SET timeout = @t, username = @u, wrapped_password = @w, secondary_key_servers = @sec, create_remove_timeout = @crt WHERE key_manager_uuid = @k AND server = @s", ct,
            ("@k", server.KeyManagerUuid), ("@s", server.Server), ("@t", server.Timeout), ("@u", server.Username), ("@w", server.WrappedPassword),
            ("@sec", server.SecondaryKeyServers), ("@crt", server.CreateRemoveTimeout));

    /// <summary>Removes a server and what every node published about it.</summary>
    public static async Task DeleteServerAsync(DbConnection c, DbTransaction tx, Guid keyManager, string server, CancellationToken ct)
    {
        await Db.ExecuteAsync(c, tx, "DELETE FROM key_servers WHERE key_manager_uuid = @k AND server = @s", ct, ("@k", keyManager), ("@s", server));
        await ConnectivityRepository.DeleteAsync(c, tx, keyManager, server, ct);
    }

    private static KeyServer Read(DbDataReader r) => new(Guid.Parse(r.GetString(0)), r.GetString(1),
        Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
        Convert.ToInt32(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture), r.GetString(4), r.BytesOrNull(5),
        r.GetString(6), Convert.ToInt32(r.GetValue(7), System.Globalization.CultureInfo.InvariantCulture));
}
