using System.Text.Json.Nodes;
using Keyhold.Ontap;

namespace Keyhold.Tests.Ontap;

public class FieldFilterTests
{
    private static readonly JsonObject Record = new()
    {
        ["uuid"] = "u1",
        ["name"] = "Vol_Tmp01",
        ["size"] = 42,
        ["enabled"] = true,
        ["created"] = "2024-03-01T10:00:00+02:00",
        ["comment"] = null,
        ["svm"] = new JsonObject { ["name"] = "vs0" },
        ["tags"] = new JsonArray("alpha", "beta"),
        ["servers"] = new JsonArray(
            new JsonObject { ["server"] = "10.0.0.1:5696", ["timeout"] = 25 },
            new JsonObject { ["server"] = "10.0.0.2:5696", ["timeout"] = 60 }),
    };

    private static bool Matches(string path, string value) =>
        FieldFilter.Parse(Widgets.Schema.Find(path)!, value).Matches(Record);

    [Theory]
    [InlineData("name", "Vol_Tmp01", true)]
    [InlineData("name", "vol_tmp01", false)] // equality is ordinal
    [InlineData("name", "!Vol_Tmp01", false)]
    [InlineData("name", "!other", true)]
    [InlineData("name", "vs0|Vol_Tmp01", true)]
    [InlineData("name", "vs0|vs2", false)]
    [InlineData("svm.name", "vs0", true)]
    [InlineData("svm.name", "vs1", false)]
    public void Equality_negation_and_alternatives(string path, string value, bool expected) =>
        Assert.Equal(expected, Matches(path, value));

    [Theory]
    [InlineData("*tmp*", true)] // case-insensitive like ONTAP
    [InlineData("vol*", true)]
    [InlineData("*01", true)]
    [InlineData("V*_*0*1", true)]
    [InlineData("*tmp", false)]
    [InlineData("x*", false)]
    [InlineData("!*tmp*", false)]
    [InlineData("!x*", true)]
    [InlineData("*", true)]
    [InlineData("Vol_Tmp01*", true)]
    [InlineData("Vol_Tmp01**", true)]
    [InlineData("*Tmp01Tmp01*", false)]
    public void Wildcards(string value, bool expected) => Assert.Equal(expected, Matches("name", value));

    [Theory]
    [InlineData("42", true)]
    [InlineData("042", true)] // numeric, not textual
    [InlineData("<42", false)]
    [InlineData("<=42", true)]
    [InlineData(">41", true)]
    [InlineData(">=43", false)]
    [InlineData("40..42", true)]
    [InlineData("43..50", false)]
    [InlineData("!40..50", false)]
    [InlineData("<10|>40", true)]
    [InlineData("!<10", true)]
    [InlineData("-5..5|100", false)]
    public void Integer_comparisons_and_ranges(string value, bool expected) => Assert.Equal(expected, Matches("size", value));

    [Theory]
    [InlineData("A..Z", true)]
    [InlineData("W..Z", false)]
    [InlineData(">Vol", true)]
    [InlineData("<vol", true)] // 'V' (0x56) sorts before 'v' (0x76)
    [InlineData("<Vol", false)]
    public void String_comparisons_are_ordinal(string value, bool expected) => Assert.Equal(expected, Matches("name", value));

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("!false", true)]
    [InlineData("True", true)]
    public void Booleans(string value, bool expected) => Assert.Equal(expected, Matches("enabled", value));

    [Theory]
    [InlineData("2024-03-01T08:00:00Z", true)] // same instant, other offset
    [InlineData(">2024-03-01T07:59:59Z", true)]
    [InlineData("<2024-03-01", false)]
    [InlineData("2024-02-01..2024-04-01", true)]
    public void DateTimes_compare_as_instants(string value, bool expected) => Assert.Equal(expected, Matches("created", value));

    [Theory]
    [InlineData("comment", "null", true)]
    [InlineData("comment", "!null", false)]
    [InlineData("comment", "!x", false)] // unset fields never match a negation
    [InlineData("comment", "x|null", true)]
    [InlineData("label", "null", true)] // absent property
    [InlineData("name", "null", false)]
    [InlineData("name", "!null", true)]
    [InlineData("svm", "!null", true)]
    [InlineData("svm", "null", false)]
    [InlineData("status", "null", true)]
    [InlineData("comment", "*", false)]
    public void Null_and_presence(string path, string value, bool expected) => Assert.Equal(expected, Matches(path, value));

    [Theory]
    [InlineData("tags", "beta", true)]
    [InlineData("tags", "gamma", false)]
    [InlineData("tags", "!alpha", true)] // "beta" is not alpha: any element matching is enough
    [InlineData("tags", "!alpha|!beta", false)]
    [InlineData("tags", "null", false)]
    [InlineData("servers.server", "10.0.0.2:5696", true)]
    [InlineData("servers.server", "10.0.0.3:5696", false)]
    [InlineData("servers.server", "*.2:*", true)]
    [InlineData("servers.timeout", ">50", true)]
    [InlineData("servers.timeout", ">60", false)]
    public void Arrays_match_when_any_element_matches(string path, string value, bool expected) =>
        Assert.Equal(expected, Matches(path, value));

    [Fact]
    public void Empty_array_counts_as_unset()
    {
        var record = new JsonObject { ["tags"] = new JsonArray() };
        Assert.True(FieldFilter.Parse(Widgets.Schema.Find("tags")!, "null").Matches(record));
        Assert.False(FieldFilter.Parse(Widgets.Schema.Find("tags")!, "!null").Matches(record));
    }

    [Theory]
    [InlineData("!Vol_Tmp01|!x", false)] // negated alternatives are all required
    [InlineData("!a|!b", true)]
    [InlineData("V*|!Vol_Tmp01", false)] // positives OR-ed, then negatives exclude
    [InlineData("V*|!Vol_Tmp02", true)]
    public void Negation_of_alternatives(string value, bool expected) => Assert.Equal(expected, Matches("name", value));

    [Theory]
    [InlineData("size", "abc")]
    [InlineData("size", "1..x")]
    [InlineData("size", "<1.5")]
    [InlineData("enabled", "yes")]
    [InlineData("created", "yesterday")]
    [InlineData("svm", "vs0")]
    [InlineData("size", "4|x")]
    public void Bad_typed_values_are_262197_with_the_field_as_target(string path, string value)
    {
        var error = OntapAssert.Throws(OntapErrors.InvalidFieldValue, path, () => FieldFilter.Parse(Widgets.Schema.Find(path)!, value));
        Assert.Equal($"The value \"{value}\" is invalid for field \"{path}\"", error.Message);
    }

    [Fact]
    public void Exposes_path_and_raw_value()
    {
        var filter = FieldFilter.Parse(Widgets.Schema.Find("svm.name")!, "vs*");
        Assert.Equal("svm.name", filter.Path);
        Assert.Equal("vs*", filter.Value);
    }
}
