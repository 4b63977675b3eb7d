using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Tests.Ontap;

public class OntapJsonTests
{
    private static readonly JsonObject Body = JsonNode.Parse("""
        {"onboard":{"passphrase":"p","synchronize":true,"n":7,"big":9000000000},"svm":"flat","list":[1],"none":null}
        """)!.AsObject();

    [Fact]
    public void Getters_read_dotted_paths()
    {
        Assert.Equal("p", Body.GetString("onboard.passphrase"));
        Assert.True(Body.GetBool("onboard.synchronize"));
        Assert.Equal(7, Body.GetInt("onboard.n"));
        Assert.Equal(9000000000L, Body.GetLong("onboard.big"));
        Assert.NotNull(Body.GetObject("onboard"));
        Assert.Single(Body.GetArray("list")!);
        Assert.True(Body.Has("onboard.n"));
    }

    [Fact]
    public void Absent_or_null_is_null()
    {
        Assert.Null(Body.GetString("onboard.missing"));
        Assert.Null(Body.GetString("nothing.at.all"));
        Assert.Null(Body.GetBool("none"));
        Assert.False(Body.Has("none"));
    }

    [Theory]
    [InlineData("onboard.synchronize", "onboard.synchronize")]
    [InlineData("svm.name", "svm")] // an intermediate that is not an object
    public void Wrong_types_are_262197_with_the_path(string path, string target) =>
        OntapAssert.Throws(OntapErrors.InvalidFieldValue, target, () => Body.GetString(path));

    [Fact]
    public void Typed_getters_reject_other_types()
    {
        OntapAssert.Throws(OntapErrors.InvalidFieldValue, "onboard.passphrase", () => Body.GetBool("onboard.passphrase"));
        OntapAssert.Throws(OntapErrors.InvalidFieldValue, "onboard.big", () => Body.GetInt("onboard.big"));
        OntapAssert.Throws(OntapErrors.InvalidFieldValue, "onboard.passphrase", () => Body.GetLong("onboard.passphrase"));
        OntapAssert.Throws(OntapErrors.InvalidFieldValue, "svm", () => Body.GetObject("svm"));
        OntapAssert.Throws(OntapErrors.InvalidFieldValue, "svm", () => Body.GetArray("svm"));
    }

    [Fact]
    public void Integers_built_in_code_read_back()
    {
        var record = new JsonObject { ["a"] = 5, ["b"] = 6L, ["c"] = (short)7, ["d"] = 8.0 };
        Assert.Equal(5, record.GetInt("a"));
        Assert.Equal(6, record.GetInt("b"));
        Assert.Equal(7, record.GetLong("c"));
        Assert.Equal(8, record.GetInt("d"));
    }

    [Fact]
    public void Set_creates_intermediate_objects()
    {
        var record = new JsonObject().Set("svm.name", "vs0").Set("svm.uuid", "u").Set("uuid", "k").Set("a.b.c", 1);
        Assert.Equal("""{"svm":{"name":"vs0","uuid":"u"},"uuid":"k","a":{"b":{"c":1}}}""", record.ToJsonString());
    }

    [Fact]
    public void Links_helpers()
    {
        Assert.Equal("""{"self":{"href":"/api/x"}}""", OntapLinks.Self("/api/x").ToJsonString());
        Assert.Equal("/api/security/key-managers/k/key-servers/10.0.0.1%3A5696",
            OntapLinks.Instance("/api/security/key-managers/k/key-servers", "10.0.0.1:5696"));
        Assert.Equal("/api/cluster/jobs/00000000-0000-0000-0000-000000000001",
            OntapLinks.Job(Guid.Parse("00000000-0000-0000-0000-000000000001")));
    }
}
