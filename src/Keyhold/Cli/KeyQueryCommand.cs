using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>`security key-manager key query`: the key IDs every node holds, per key manager, filtered as ONTAP's options say.</summary>
public static class KeyQueryCommand
{
    public static Command Build(CliOptions options, CliIo io)
    {
        var vserver = Remote.Option<string?>("vserver", "Keys of this Vserver's key manager");
        var node = Remote.Option<string?>("node", "Keys on this node");
        var keyId = Remote.Option<string?>("key-id", "This key ID");
        var keyType = Remote.Option<string?>("key-type", "Key type: vek, nse-ak, svm-kek, ...");
        var keyUser = Remote.Option<string?>("key-user", "Keys used by this Vserver (the key's owner)");
        var restored = Remote.Option<string?>("restored", "true or false: whether the key is on the node");
        var command = new Command("query", "Show the keys the key managers hold") { vserver, node, keyId, keyType, keyUser, restored };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var cluster = await KeyManagers.ClusterNameAsync(client);
            var managers = await KeyManagers.ListAsync(client, cluster, parse.GetValue(vserver), "scope,svm.name");
            var nodes = await client.RecordsAsync("/api/cluster/nodes", ("fields", "name"), ("name", parse.GetValue(node)));
            var keys = new List<JsonObject>();
            foreach (var km in managers)
            {
                foreach (var n in nodes)
                {
                    keys.AddRange(await client.RecordsAsync($"{KeyManagers.Path}/{KeyManagers.Uuid(km)}/keys/{Fields.Text(n, "uuid")}/key-ids",
                        ("fields", "*"), ("key_id", parse.GetValue(keyId)), ("key_type", parse.GetValue(keyType)),
                        ("key_user", parse.GetValue(keyUser)), ("restored", parse.GetValue(restored))));
                }
            }
            output.Table(keys, ["Node", "Vserver", "Key Manager", "Key Type", "Key ID", "Key User", "Key Tag", "Restored"], k =>
            [
                Fields.Text(k, "node.name"),
                Fields.Text(k, "svm.name") ?? cluster,
                Fields.Text(k, "key_manager"),
                Fields.Text(k, "key_type"),
                Fields.Text(k, "key_id"),
                Fields.Text(k, "key_user"),
                Fields.Text(k, "key_tag"),
                Fields.Text(k, "restored") == "true" ? "yes" : "no",
            ]);
        });
    }
}
