using System.Text;
using System.Text.Json;
using Keyhold.Api.Volumes;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Volumes;

namespace Keyhold.Tests.Api.Volumes;

/// <summary>
/// Issue 14 scope 3: a page of volumes is written straight to the writer from attributes parsed once per distinct text
/// and size, byte for byte what projecting each volume's JsonObject record wrote.
/// </summary>
public sealed class VolumeJsonWriteTests
{
    private static readonly Guid Svm = Guid.NewGuid();

    private static readonly Volume[] Volumes =
    [
        new(Guid.NewGuid(), Svm, "vs1", "vol1", 20L << 30, "online", "encrypted", "0000000000000000020000000000010012345678901234567890123456789012", "{}"),
        new(Guid.NewGuid(), Svm, "vs1", "vol2", 1L << 30, "offline", "none", null, """{"comment":"x","files":{"maximum":7},"space":{"snapshot":{"reserve_percent":10}}}"""),
        new(Guid.NewGuid(), Svm, "vs1", "vol3", 20L << 30, "online", "none", null, """{"comment":"c","nas":{"path":"/vol3"},"tiering":{"policy":"none"}}"""),
        // Same attributes as vol1 but another size: the size-derived fields (files.maximum, space.size) must follow it.
        new(Guid.NewGuid(), Svm, "vs1", "vol4", 64L << 20, "online", "none", null, "{}"),
    ];

    [Theory]
    [InlineData(null, false)]
    [InlineData(null, true)]
    [InlineData("*", false)]
    [InlineData("*", true)]
    [InlineData("**", false)]
    [InlineData("name,space", false)]
    [InlineData("space.size,files.maximum,encryption.key_id", true)]
    [InlineData("comment,svm.name,nas", false)]
    [InlineData("encryption", false)]
    public void Written_records_are_the_projected_records(string? fields, bool plain)
    {
        var selection = FieldSelection.Parse(fields, VolumeSchema.Schema);
        foreach (var volume in Volumes.Concat(Volumes)) // twice: the second time the attributes come from the cache
        {
            var expected = Write(w => selection.WriteProjected(w, volume.ToJson(), plain, root: false));
            Assert.Equal(expected, Write(w => VolumeJson.Write(w, volume, selection, plain)));
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
