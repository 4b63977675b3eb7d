using Keyhold.Tests.Cli;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cluster;

/// <summary>
/// A second node on one host takes the default name "&lt;hostname&gt;-01" too, and node names are unique in the cluster:
/// `keyhold serve` said so with an unhandled database exception and its stack trace. Now one line says which name and
/// what to do, exit code 1, and the store still holds the first node alone; with a name of its own the node joins.
/// </summary>
public sealed class NodeNameTakenTests
{
    [Fact]
    public async Task A_node_whose_name_is_taken_says_so_in_one_line_and_joins_with_a_name_of_its_own()
    {
        var file = Path.Combine(TempDir.Create(), "shared.db");
        Dictionary<string, string> Node(string name) => new() { ["Keyhold__StorePath"] = file, ["Keyhold__NodeName"] = name };
        using (new KeyholdProcess(environment: Node("node-a")))
        {
        }
        List<object?[]> Nodes() => StoreProbe.Rows(Path.GetDirectoryName(file)!, "SELECT uuid, name FROM nodes", "shared.db");
        var first = Nodes();

        var refused = await KeyholdCli.RunAsync(["serve", "--urls", $"https://127.0.0.1:{KeyholdProcess.FreePort()}", "--data", TempDir.Create()],
            environment: Node("node-a").ToDictionary(kv => kv.Key, kv => (string?)kv.Value));

        Assert.Equal(1, refused.Code);
        Assert.Equal($"keyhold: Another node of this cluster is already named \"node-a\" (uuid {first.Single()[0]}). Start this node on a new data " +
            "folder with a name of its own: Keyhold__NodeName=NAME (the node.json of this data folder keeps the name it was given).\n",
            refused.Error[refused.Error.IndexOf("keyhold: ", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("   at ", refused.Error + refused.Out);
        Assert.Equal(first, Nodes());

        using (new KeyholdProcess(environment: Node("node-b")))
        {
        }
        Assert.Equal(["node-a", "node-b"], Nodes().Select(r => (string)r[1]!).Order());
    }
}
