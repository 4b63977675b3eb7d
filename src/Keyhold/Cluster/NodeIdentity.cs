using System.Text.Json;

namespace Keyhold.Cluster;

/// <summary>Who this process is: a node's uuid and name, kept in its own data folder.</summary>
public sealed record NodeIdentity(Guid Uuid, string Name)
{
    public static NodeIdentity LoadOrCreate(string dataDir, string? preferredName)
    {
        var path = Path.Combine(dataDir, "node.json");
        if (File.Exists(path))
        {
            var saved = JsonSerializer.Deserialize<NodeIdentity>(File.ReadAllText(path));
            if (saved is not null)
            {
                return saved;
            }
        }
        var created = new NodeIdentity(Guid.NewGuid(), preferredName ?? $"{Environment.MachineName.ToLowerInvariant()}-01");
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(created));
        File.Move(temp, path, overwrite: true);
        return created;
    }
}
