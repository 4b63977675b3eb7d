using Keyhold.Cluster;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Ontap;

namespace Keyhold.KeyRestore;

/// <summary>
/// The checks of POST …/restore, all before the job starts so a refused request changes nothing: an external key manager
/// (65536828), a key_server that is one of its primaries (65538500 for a secondary: ONTAP restores from primaries only;
/// 65536843 for any other), a node of this cluster.
/// </summary>
public sealed class KeyRestoreRules(KeyManagerRepository managers, ExternalService external, ClusterRepository cluster, NodeIdentity self)
{
    public async Task<RestorePlan> PlanAsync(RestoreKeys command, CancellationToken ct)
    {
        var km = (Guid.TryParse(command.KeyManager, out var id) ? await managers.FindAsync(id, ct) : null)
            ?? throw OntapErrors.EntryNotFound.With("security_key_manager.uuid");
        // Restore fills in the key servers of the SVM's enabled external key manager; one only staged is not enabled.
        if (km.Kind != KeyManager.External || !InactiveConfigurations.IsKeyManagerOfItsSvm(km))
        {
            throw OntapErrors.ExternalNotEnabled.With("security_key_manager.uuid");
        }
        var primaries = (await external.LoadAsync(km, ct)).Servers;
        var sources = command.KeyServer is { } named ? [Primary(named, primaries)] : primaries.Select(s => s.Server).ToHashSet();
        var node = await NodeAsync(command, ct);
        return new RestorePlan(km, sources, node, command.KeyId, command.KeyTag);
    }

    /// <summary>The configured primary <paramref name="named"/> is (host:port, or host for 5696), in its stored spelling.</summary>
    private static string Primary(string named, IReadOnlyList<KeyServer> primaries)
    {
        const string target = "key_server";
        if (!ServerAddress.TryParse(named, out var address))
        {
            throw OntapErrors.KeyServerNotConfigured.With(target);
        }
        var text = address.ToString();
        if (primaries.FirstOrDefault(p => p.Server == text) is { } primary)
        {
            return primary.Server;
        }
        // A secondary given without a port listens where its primary does: compare both spellings.
        var bare = !HasPort(named);
        var secondary = primaries.Any(p => p.Secondaries.Contains(text) || (bare && p.Secondaries.Contains((address with { Port = p.Address.Port }).ToString())));
        throw (secondary ? OntapErrors.RestoreFromSecondary : OntapErrors.KeyServerNotConfigured).With(target);
    }

    private static bool HasPort(string text)
    {
        var value = text.Trim();
        return value.StartsWith('[') ? value.Contains("]:", StringComparison.Ordinal) : value.Count(c => c == ':') == 1;
    }

    /// <summary>The node named by uuid and/or name (both must name the same one); this node when neither is given.</summary>
    private async Task<NodeRecord> NodeAsync(RestoreKeys command, CancellationToken ct)
    {
        var nodes = await cluster.NodesAsync(ct);
        if (command.NodeUuid is null && command.NodeName is null)
        {
            return nodes.FirstOrDefault(n => n.Uuid == self.Uuid) ?? new NodeRecord(self.Uuid, self.Name, []);
        }
        var found = command.NodeUuid is { } uuid
            ? nodes.FirstOrDefault(n => Guid.TryParse(uuid, out var u) && n.Uuid == u) ?? throw OntapErrors.EntryNotFound.With("node.uuid")
            : nodes.FirstOrDefault(n => n.Name == command.NodeName) ?? throw OntapErrors.EntryNotFound.With("node.name");
        return command.NodeName is null || found.Name == command.NodeName ? found : throw OntapErrors.EntryNotFound.With("node.name");
    }
}
