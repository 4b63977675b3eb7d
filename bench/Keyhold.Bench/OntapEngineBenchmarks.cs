using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Keyhold.Ontap;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Keyhold.Bench;

/// <summary>
/// The ONTAP conventions engine over 10,000 in-memory records of a volume-like schema (what OntapCollection does
/// for the part of a query the store cannot do): fields=* projection, and query parsing plus filter matching.
/// </summary>
[MemoryDiagnoser]
public class OntapEngineBenchmarks
{
    public const int Records = 10_000;

    private static readonly ResourceSchema Schema = new(
        "bench_volume",
        "/api/storage/volumes",
        ["uuid", "name"],
        [
            new FieldDef("uuid", FieldKind.String, Column: "uuid"),
            new FieldDef("name", FieldKind.String, FieldAccess.Read | FieldAccess.Create, Column: "name"),
            new FieldDef("state", FieldKind.String, Column: "state"),
            new FieldDef("size", FieldKind.Integer, Column: "size"),
            new FieldDef("svm.uuid", FieldKind.String),
            new FieldDef("svm.name", FieldKind.String),
            new FieldDef("encryption.enabled", FieldKind.Boolean),
            new FieldDef("encryption.key_id", FieldKind.String, Expensive: true),
            new FieldDef("comment", FieldKind.String),
        ],
        "name, uuid");

    private readonly List<JsonObject> _records = new(Records);
    private readonly QueryCollection _query = new(new Dictionary<string, StringValues>
    {
        ["fields"] = "*",
        ["name"] = "vol_1*|vol_2*",
        ["size"] = ">1048576",
        ["svm.name"] = "vs1|vs3",
        ["encryption.enabled"] = "true",
        ["state"] = "!offline",
    });

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        for (var i = 0; i < Records; i++)
        {
            var uuid = Guid.NewGuid().ToString();
            var svm = $"vs{i % 5}";
            _records.Add(new JsonObject
            {
                ["uuid"] = uuid,
                ["name"] = $"vol_{i:D5}",
                ["state"] = i % 17 == 0 ? "offline" : "online",
                ["size"] = (long)rng.Next(1, 4096) * 1024 * 1024,
                ["svm"] = new JsonObject { ["uuid"] = Guid.NewGuid().ToString(), ["name"] = svm, ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = "/api/svm/svms/x" } } },
                ["encryption"] = new JsonObject { ["enabled"] = i % 3 != 0, ["key_id"] = Convert.ToHexString(Guid.NewGuid().ToByteArray()) },
                ["comment"] = i % 2 == 0 ? "bench" : null,
                ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = "/api/storage/volumes/" + uuid } },
            });
        }
    }

    [Benchmark(Description = "FieldSelection.Parse(*) + Project x10k")]
    public int ProjectStar10k()
    {
        var selection = FieldSelection.Parse("*", Schema);
        var n = 0;
        foreach (var r in _records)
            n += selection.Project(r).Count;
        return n;
    }

    [Benchmark(Description = "CollectionQuery.Parse (5 filters) + Matches x10k")]
    public int Filter10k()
    {
        var query = CollectionQuery.Parse(_query, Schema);
        var n = 0;
        foreach (var r in _records)
        {
            var all = true;
            foreach (var f in query.Filters)
            {
                if (!f.Matches(r)) { all = false; break; }
            }
            if (all) n++;
        }
        return n;
    }
}
