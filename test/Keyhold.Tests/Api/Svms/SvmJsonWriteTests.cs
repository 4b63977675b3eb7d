using System.Text;
using System.Text.Json;
using Keyhold.Api.Svms;
using Keyhold.Cluster;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;

namespace Keyhold.Tests.Api.Svms;

/// <summary>Issue 14 scope 3: a page of SVMs is written from shared parsed attributes, byte for byte what projecting each record wrote.</summary>
public sealed class SvmJsonWriteTests
{
    private static readonly Svm[] Svms =
    [
        new(Guid.NewGuid(), "vs1", "running", "{}"),
        new(Guid.NewGuid(), "vs2", "stopped", """{"comment":"c","ipspace":{"name":"ip1"},"nfs":{"enabled":true},"aggregates":[{"name":"aggr1","uuid":"u1"}]}"""),
        new(Guid.NewGuid(), "vs3", "running", """{"language":"en_us","snapshot_policy":{"name":"none"}}"""),
    ];

    [Theory]
    [InlineData(null, false)]
    [InlineData("*", false)]
    [InlineData("**", true)]
    [InlineData("comment,ipspace.name,aggregates", false)]
    [InlineData("nfs", true)]
    public void Written_records_are_the_projected_records(string? fields, bool plain)
    {
        var selection = FieldSelection.Parse(fields, SvmSchema.Schema);
        foreach (var svm in Svms.Concat(Svms)) // twice: the second time the attributes come from the cache
        {
            var expected = Write(w => selection.WriteProjected(w, svm.ToJson(), plain, root: false));
            Assert.Equal(expected, Write(w => SvmJson.Write(w, svm, selection, plain)));
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
