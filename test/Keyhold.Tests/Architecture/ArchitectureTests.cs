using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Keyhold.Tests.Architecture;

/// <summary>
/// The shape of issue 8, checked on the compiled service: one core, several front doors. Only the doors (Api, Cli)
/// and the composition root (Hosting) know HTTP and wire JSON; features depend one way, with no cycles.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly ArchUnitNET.Domain.Architecture Service =
        new ArchLoader().LoadAssemblies(typeof(Keyhold.Hosting.KeyholdApp).Assembly).Build();

    private static readonly ArchUnitNET.Domain.Architecture KmipLibrary =
        new ArchLoader().LoadAssemblies(typeof(Keyhold.Kmip.KmipException).Assembly).Build();

    /// <summary>Namespaces allowed to know HTTP: the REST door and the composition root.</summary>
    private const string HttpNamespaces = @"^Keyhold\.(Api|Hosting)(\..*)?$";

    /// <summary>Namespaces allowed to build ONTAP wire JSON trees: the doors, the composition root and the ONTAP core.</summary>
    private const string WireJsonNamespaces = @"^Keyhold\.(Api|Hosting|Ontap|Cli)(\..*)?$";

    [Fact]
    public void Only_the_http_door_and_hosting_reference_AspNetCore() =>
        Types().That().ResideInNamespaceMatching(@"^Keyhold(\..*)?$").And().DoNotResideInNamespaceMatching(HttpNamespaces)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Microsoft\.AspNetCore(\..*)?$")
            .Because("the core and the features must be usable from every front door (REST, KMIP, CLI)")
            .Check(Service);

    [Fact]
    public void Only_doors_and_the_ontap_core_use_json_nodes() =>
        Types().That().ResideInNamespaceMatching(@"^Keyhold(\..*)?$").And().DoNotResideInNamespaceMatching(WireJsonNamespaces)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^System\.Text\.Json\.Nodes$")
            .Because("domain services take commands and return records; wire JSON is shaped by the door")
            .Check(Service);

    /// <summary>
    /// Cycles between the top-level namespaces (a feature with its sub-namespaces is one node: Storage.Query belongs to
    /// Storage). Checked on every dependency of every type, so it also catches arrows the layer list does not name.
    /// </summary>
    [Fact]
    public void Feature_namespaces_have_no_cycles()
    {
        var edges = new Dictionary<string, HashSet<string>>();
        foreach (var type in Service.Types)
        {
            // ArchUnitNET left Namespace null on some type or dependency after this branch's KMIP changes (which one was
            // not pinned down); a type without a namespace belongs to no feature, exactly as a type outside Keyhold.
            var from = Feature(type.Namespace?.FullName);
            foreach (var dependency in type.Dependencies)
            {
                var to = Feature(dependency.Target?.Namespace?.FullName);
                if (from is not null && to is not null && from != to)
                {
                    (edges.TryGetValue(from, out var set) ? set : edges[from] = []).Add(to);
                }
            }
        }
        var cycle = FindCycle(edges);
        Assert.True(cycle is null, $"Namespaces depend on each other in a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    private static string? Feature(string? ns)
    {
        if (ns is null)
        {
            return null;
        }
        var parts = ns.Split('.');
        return parts.Length >= 2 && parts[0] == "Keyhold" ? parts[1] : null;
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> edges)
    {
        var state = new Dictionary<string, int>(); // 1 = on the path, 2 = done
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.SkipWhile(n => n != next), next];
                }
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in edges.Keys.ToList())
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }
        return null;
    }

    /// <summary>The check itself must be able to fail: a made-up cycle is found.</summary>
    [Fact]
    public void The_cycle_finder_finds_a_cycle()
    {
        var edges = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };
        Assert.Equal(["A", "B", "C", "A"], FindCycle(edges));
        Assert.Null(FindCycle(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"] }));
    }

    [Fact]
    public void The_kmip_library_stands_alone() =>
        Types().That().ResideInNamespaceMatching(@"^Keyhold\.Kmip(\..*)?$")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Keyhold\.(?!Kmip)")
            .Check(KmipLibrary);

    /// <summary>Lower first: a namespace may use only those before it (and itself).</summary>
    private static readonly string[] Layers =
    [
        "Ontap", "Storage", "Cluster", "Jobs", "Security", "Keys", "Volumes", "Onboard", "Certificates", "External",
        "Migration", "MetroCluster", "KeyManagerConfigs", "AuthKeys", "KeyRestore", "KeyManagers", "Keystores", "KmipObjects", "KmipServer", "Cli", "Api", "Hosting",
    ];

    public static TheoryData<string> LayerNames => [.. Layers.Take(Layers.Length - 1)];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void Arrows_point_down(string layer)
    {
        var higher = Layers.SkipWhile(l => l != layer).Skip(1).ToArray();
        if (layer == "Cli")
        {
            higher = [.. higher.Where(l => l != "Api")];  // the CLI's own client may share the ONTAP body helpers
        }
        Types().That().ResideInNamespaceMatching($@"^Keyhold\.{layer}(\..*)?$")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching($@"^Keyhold\.({string.Join('|', higher)})(\..*)?$")
            .Because($"the order of layers is {string.Join(" < ", Layers)}")
            .Check(Service);
    }
}
