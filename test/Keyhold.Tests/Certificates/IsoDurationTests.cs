using Keyhold.Certificates;

namespace Keyhold.Tests.Certificates;

public class IsoDurationTests
{
    [Theory]
    [InlineData("P365DT", 365 * 86400L)]
    [InlineData("P1Y", 365 * 86400L)]
    [InlineData("P30D", 30 * 86400L)]
    [InlineData("P1M", 30 * 86400L)]
    [InlineData("P2W", 14 * 86400L)]
    [InlineData("PT12H", 12 * 3600L)]
    [InlineData("PT90M", 90 * 60L)]
    [InlineData("PT45S", 45L)]
    [InlineData("P1Y2M3DT4H5M6S", ((365 + 60 + 3) * 86400L) + (4 * 3600) + (5 * 60) + 6)]
    [InlineData("P10Y", 3650 * 86400L)]
    public void Parses(string text, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), IsoDuration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("365D")]
    [InlineData("P-1D")]
    [InlineData("P1.5D")]
    [InlineData("p1d")]
    [InlineData("P1D2Y")]
    [InlineData("P999999999Y")]
    [InlineData("2026-01-01T00:00:00Z")]
    public void Refuses(string text)
    {
        Assert.Throws<FormatException>(() => IsoDuration.Parse(text));
        Assert.False(IsoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData("PT23H59M59S", false)]
    [InlineData("P1D", true)]
    [InlineData("P365DT", true)]
    [InlineData("P3650D", true)]
    [InlineData("P3650DT1S", false)]
    [InlineData("P11Y", false)]
    public void Expiry_range_is_one_day_to_ten_years(string text, bool valid) =>
        Assert.Equal(valid, IsoDuration.IsValidExpiry(IsoDuration.Parse(text)));

    [Fact]
    public void Default_expiry_is_P365DT() => Assert.Equal(IsoDuration.Parse("P365DT"), IsoDuration.DefaultExpiry);
}
