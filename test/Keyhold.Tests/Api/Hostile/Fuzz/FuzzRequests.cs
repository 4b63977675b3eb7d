using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Random = System.Random;

namespace Keyhold.Tests.Api.Hostile.Fuzz;

/// <summary>
/// FsCheck generators of hostile requests over every mapped route: the route, method, number of query terms and kind of
/// body are FsCheck's choices; the bytes of each mutation come from a seeded <see cref="Random"/> whose seed FsCheck also
/// chooses, so a failing case replays from FsCheck's printed seed.
/// </summary>
public static partial class FuzzRequests
{
    private static readonly string[] AnyMethods = ["GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS"];
    private static readonly string?[] ContentTypes =
        ["application/json", "application/json", "application/json", "application/hal+json", null, "text/plain", "application/json; charset=utf-16", "multipart/form-data; boundary=x"];

    /// <param name="routes">Every mapped route.</param>
    /// <param name="ids">Identifiers that exist (uuids, key IDs, names), so some requests reach real records.</param>
    public static Arbitrary<FuzzRequest> Arbitrary(IReadOnlyList<FuzzRoute> routes, IReadOnlyList<string> ids) =>
        Arb.From(
            from route in Gen.Elements(routes.ToArray())
            from methodPick in Gen.Choose(0, 9)
            from queryTerms in Gen.Choose(0, 4)
            from bodyKind in Gen.Choose(0, 11)
            from pathMutation in Gen.Choose(0, 9)
            from seed in Gen.Choose(0, int.MaxValue)
            select Build(route, ids, methodPick, queryTerms, bodyKind, pathMutation, new Random(seed)));

    private static FuzzRequest Build(FuzzRoute route, IReadOnlyList<string> ids, int methodPick, int queryTerms, int bodyKind, int pathMutation, Random random)
    {
        var method = methodPick < 8 ? route.Methods[random.Next(route.Methods.Length)] : AnyMethods[random.Next(AnyMethods.Length)];
        // %00 in a path never reaches the application: Kestrel refuses it (KestrelRefusalTests), the test host throws.
        var path = MutatePath(FillTemplate(route.Template, ids, random), pathMutation, random).Replace("%00", "%01", StringComparison.Ordinal);
        var query = string.Join('&', Enumerable.Range(0, queryTerms).Select(_ => QueryTerm(random)));
        var body = Body(bodyKind, random);
        return new FuzzRequest(method, query.Length > 0 ? $"{path}?{query}" : path, body, body is null ? null : ContentTypes[random.Next(ContentTypes.Length)]);
    }

    private static string FillTemplate(string template, IReadOnlyList<string> ids, Random random) =>
        RouteParameter().Replace(template, _ => random.Next(10) switch
        {
            < 6 => ids[random.Next(ids.Count)],
            < 8 => Guid.NewGuid().ToString(),
            _ => Pick(Hostile.Values, random),
        });

    private static string MutatePath(string path, int mutation, Random random) => mutation switch
    {
        0 => path + "/" + Pick(Hostile.Values, random),
        1 => path + "/",
        2 => path.Replace("/api/", "/api//", StringComparison.Ordinal),
        3 => path.ToUpperInvariant(),
        4 => InsertAt(path, random, Pick(["%00", "%2F", "/..", "/./", "%ff", "%ed%a0%80", ";x=1", "%20", "~", "*"], random)),
        _ => path,
    };

    private static string QueryTerm(Random random) => random.Next(12) switch
    {
        0 => Pick(Hostile.Names, random),
        1 => "=" + Pick(Hostile.Values, random),
        2 => $"{Pick(Hostile.Names, random)}={Pick(Hostile.Values, random)}={Pick(Hostile.Values, random)}",
        3 => "fields=" + string.Join(',', Enumerable.Range(0, random.Next(1, 40)).Select(_ => Pick(Hostile.Names, random))),
        _ => $"{Pick(Hostile.Names, random)}={Pick(Hostile.Values, random)}",
    };

    private static byte[]? Body(int kind, Random random)
    {
        var seed = Pick(Hostile.Seeds, random);
        return kind switch
        {
            0 or 1 => null,
            2 => Encoding.UTF8.GetBytes(seed),
            3 or 4 or 5 => Encoding.UTF8.GetBytes(MutateJson(seed, random)),
            6 or 7 or 8 => MutateBytes(Encoding.UTF8.GetBytes(seed), random),
            9 => Deep(random),
            10 => Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', random.Next(1_000, 300_000)) + "\",\"svm\":{\"name\":\"vs1\"}}"),
            _ => Enumerable.Range(0, random.Next(1, 512)).Select(_ => (byte)random.Next(256)).ToArray(),
        };
    }

    /// <summary>Keeps the JSON well-formed but wrong: values of the wrong type or size, unknown or missing fields, nesting.</summary>
    private static string MutateJson(string seed, Random random)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(seed.Length == 0 ? "{}" : seed);
        }
        catch (System.Text.Json.JsonException)
        {
            node = new JsonObject();
        }
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            var target = RandomObject(node, random);
            if (target is null)
            {
                node = new JsonObject { [Pick(Hostile.Fields, random)] = node };
                continue;
            }
            var keys = target.Select(p => p.Key).ToList();
            switch (random.Next(4))
            {
                case 0 when keys.Count > 0:
                    target.Remove(keys[random.Next(keys.Count)]);
                    break;
                case 1 when keys.Count > 0:
                    target[keys[random.Next(keys.Count)]] = RandomValue(random, 0);
                    break;
                default:
                    target[Pick(Hostile.Fields, random)] = RandomValue(random, 0);
                    break;
            }
        }
        return node?.ToJsonString() ?? "null";
    }

    private static JsonObject? RandomObject(JsonNode? node, Random random)
    {
        var objects = new List<JsonObject>();
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    objects.Add(o);
                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }
                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }
                    break;
            }
        }
        Walk(node);
        return objects.Count == 0 ? null : objects[random.Next(objects.Count)];
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 3 ? 7 : 10) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => JsonValue.Create(random.Next(4) switch { 0 => long.MaxValue, 1 => -1L, 2 => 0L, _ => random.NextInt64() }),
        3 => JsonValue.Create(random.Next(3) switch { 0 => double.MaxValue, 1 => double.Epsilon, _ => random.NextDouble() * 1e300 }),
        4 or 5 => Uri.UnescapeDataString(Pick(Hostile.Values, random)),
        6 => new string((char)random.Next(0x20, 0xFFFF), random.Next(0, 300)),
        7 => new JsonArray(Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(random, depth + 1)).ToArray()),
        _ => new JsonObject(Enumerable.Range(0, random.Next(0, 4)).Select(_ => KeyValuePair.Create(Pick(Hostile.Fields, random) + random.Next(3), RandomValue(random, depth + 1)))
            .DistinctBy(p => p.Key)),
    };

    /// <summary>Breaks the bytes: invalid UTF-8, escaped lone surrogates, cut or doubled spans, flipped bits.</summary>
    private static byte[] MutateBytes(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        for (var i = random.Next(1, 9); i > 0; i--)
        {
            var at = random.Next(bytes.Count + 1);
            switch (random.Next(5))
            {
                case 0 or 1:
                    bytes.InsertRange(at, Pick(Hostile.BadBytes, random));
                    break;
                case 2 when bytes.Count > 0 && at < bytes.Count:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveRange(Math.Min(at, bytes.Count - 1), Math.Min(random.Next(1, 16), bytes.Count - Math.Min(at, bytes.Count - 1)));
                    break;
                default:
                    var from = random.Next(bytes.Count + 1);
                    bytes.InsertRange(at, bytes.Skip(from).Take(random.Next(1, 64)).ToList());
                    break;
            }
        }
        return [.. bytes];
    }

    private static byte[] Deep(Random random)
    {
        var depth = random.Next(3) switch { 0 => 65, 1 => 1_000, _ => 100_000 };
        return random.Next(2) == 0
            ? Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth))
            : Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"onboard\":", depth)) + "1" + new string('}', depth));
    }

    private static string InsertAt(string path, Random random, string what)
    {
        var at = random.Next(1, path.Length + 1);  // after the leading "/": the target stays a path
        return path[..at] + what + path[at..];
    }

    private static T Pick<T>(IReadOnlyList<T> from, Random random) => from[random.Next(from.Count)];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
