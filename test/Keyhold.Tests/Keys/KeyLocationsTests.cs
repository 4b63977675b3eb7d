using System.Text.Json;
using System.Text.Json.Nodes;
using Keyhold.Keys;

namespace Keyhold.Tests.Keys;

/// <summary>KeyLocations writes exactly the text the JsonObject version wrote, so stored metadata keeps its format.</summary>
public sealed class KeyLocationsTests
{
    public static TheoryData<string> Metadata => new()
    {
        "{}",
        """{"volume":"3f0c","volume_name":"vol1","svm":"vs1"}""",
        """{"volume":"a","kmip":[{"server":"10.0.0.1:5696","uid":"1"}],"z":1.50}""",
        """{"kmip":[{"server":"s:1","uid":"u"},{"server":null,"uid":"x"},7,{"uid":"only"}],"name":"caf\u00e9 <&> \"q\""}""",
        """{"nested":{"a":[1,2,{"b":true}]},"kmip":"not an array"}""",
        """{"kmip":[{"server":5,"uid":"u"}]}""",
        "[1,2]",
        "null",
        "",
        "not json",
    };

    [Theory]
    [MemberData(nameof(Metadata))]
    public void With_writes_what_the_JsonObject_version_wrote(string metadata)
    {
        IReadOnlyList<(string, string)>[] cases = [[], [("10.1.1.1:5696", "uid-1")], [("h\u00e9:1", "a<b"), ("h2:2", "2")]];
        foreach (var locations in cases)
        {
            Assert.Equal(OldWith(metadata, locations), KeyLocations.With(metadata, locations));
        }
    }

    [Theory]
    [MemberData(nameof(Metadata))]
    public void Read_finds_what_the_JsonObject_version_found(string metadata) =>
        Assert.Equal(OldRead(metadata), KeyLocations.Read(metadata));

    private static List<(string, string)> OldRead(string metadata)
    {
        try
        {
            if (JsonNode.Parse(metadata) is JsonObject json && json[KeyLocations.Member] is JsonArray array)
            {
                return array.OfType<JsonObject>()
                    .Select(l => ((string?)l["server"], (string?)l["uid"]))
                    .Where(l => l.Item1 is not null && l.Item2 is not null)
                    .Select(l => (l.Item1!, l.Item2!))
                    .ToList();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
        }
        return [];
    }

    private static string OldWith(string metadata, IReadOnlyList<(string Server, string KmipUid)> locations)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(metadata) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            json = [];
        }
        json.Remove(KeyLocations.Member);
        if (locations.Count > 0)
        {
            json[KeyLocations.Member] = new JsonArray([.. locations.Select(JsonNode (l) => new JsonObject { ["server"] = l.Server, ["uid"] = l.KmipUid })]);
        }
        return json.ToJsonString();
    }
}
