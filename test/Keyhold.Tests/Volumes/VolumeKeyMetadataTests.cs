using System.Text.Json.Nodes;
using Keyhold.Volumes;

namespace Keyhold.Tests.Volumes;

/// <summary>keys.metadata is written without JsonObject now; the text must be what JsonObject wrote, byte for byte.</summary>
public sealed class VolumeKeyMetadataTests
{
    private static readonly VolumeKeyMetadata Consumer = new(Guid.NewGuid(), "vol_é<1>", Guid.NewGuid(), "vs1&'x\"", 1L << 40, "online");

    [Theory]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{\"kmip\":[{\"server\":\"a:5696\",\"uid\":\"7\"}],\"volume_name\":\"old\",\"extra\":1.50}")]
    [InlineData("{ \"state\" : \"offline\", \"note\" : \"caf\\u00e9 <b>\" }")]
    public void Merging_writes_what_JsonObject_wrote(string stored) =>
        Assert.Equal(JsonObjectMerge(stored), Consumer.MergeInto(stored));

    [Fact]
    public void The_consumer_reads_back_and_unreadable_metadata_names_none()
    {
        Assert.Equal(Consumer, VolumeKeyMetadata.Read(Consumer.MergeInto("{\"kmip\":[]}")));
        Assert.Null(VolumeKeyMetadata.Read("{\"volume\":1}"));
        Assert.Null(VolumeKeyMetadata.Read("nope"));
        Assert.Null(VolumeKeyMetadata.Read("{}"));
    }

    // What VolumeKeyMetadata.MergeInto did before it stopped using System.Text.Json.Nodes.
    private static string JsonObjectMerge(string stored)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(stored) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            json = [];
        }
        var consumer = new JsonObject
        {
            ["volume"] = Consumer.Volume.ToString(),
            ["volume_name"] = Consumer.VolumeName,
            ["svm"] = Consumer.Svm.ToString(),
            ["svm_name"] = Consumer.SvmName,
            ["size"] = Consumer.Size,
            ["state"] = Consumer.State,
        };
        foreach (var (name, value) in consumer)
        {
            json[name] = value?.DeepClone();
        }
        return json.ToJsonString();
    }
}
