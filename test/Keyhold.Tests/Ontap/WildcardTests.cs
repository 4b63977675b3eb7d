using Keyhold.Ontap;

namespace Keyhold.Tests.Ontap;

public class WildcardTests
{
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "ABC", true)]
    [InlineData("abc", "*", true)]
    [InlineData("", "*", true)]
    [InlineData("abc", "a*", true)]
    [InlineData("abc", "*c", true)]
    [InlineData("abc", "*b*", true)]
    [InlineData("abc", "a*b*c", true)]
    [InlineData("abc", "a**c", true)]
    [InlineData("aXbXc", "a*b*c", true)]
    [InlineData("abcabc", "*abc", true)]
    [InlineData("aba", "ab*ba", false)] // prefix and suffix must not overlap
    [InlineData("abc", "a*d", false)]
    [InlineData("abc", "*cb*", false)]
    [InlineData("ab", "a*b*c", false)]
    [InlineData("x.y", "x_y", false)]
    public void Matches(string text, string pattern, bool expected) => Assert.Equal(expected, Wildcard.IsMatch(text, pattern));
}
