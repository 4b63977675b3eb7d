using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

public class PassphrasePolicyTests
{
    [Theory]
    [InlineData(31, false, false)]
    [InlineData(32, false, true)]
    [InlineData(256, false, true)]
    [InlineData(257, false, false)]
    [InlineData(63, true, false)]
    [InlineData(64, true, true)]
    public void Length_rules(int length, bool commonCriteria, bool valid) =>
        Assert.Equal(valid, PassphrasePolicy.IsValidLength(new string('x', length), commonCriteria));

    [Theory]
    [InlineData("plain ascii with space ~!", true)]
    [InlineData("tab\tinside", false)]
    [InlineData("newline\n", false)]
    [InlineData("caf\u00e9", false)]
    [InlineData("\u007f", false)]
    public void Printable_ascii_only(string value, bool printable) =>
        Assert.Equal(printable, PassphrasePolicy.IsPrintableAscii(value));

    [Fact]
    public void IsValid_needs_both()
    {
        Assert.True(PassphrasePolicy.IsValid(OnboardTestData.Passphrase));
        Assert.False(PassphrasePolicy.IsValid(OnboardTestData.Passphrase, cc: true));
        Assert.False(PassphrasePolicy.IsValid(new string('\u00e9', 40)));
    }

    [Fact]
    public void Create_refuses_an_invalid_passphrase() =>
        Assert.Throws<ArgumentException>(() => RootKeyWrapping.Create("too short", OnboardTestData.Iterations));
}
