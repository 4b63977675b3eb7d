using Keyhold.Hosting.Observability;

namespace Keyhold.Tests.Observability;

/// <summary>The escaping rule and the request-ID rule on their own, including the characters a path cannot easily carry.</summary>
public sealed class LogEscapingTests
{
    [Theory]
    [InlineData("plain /api/cluster", "plain /api/cluster")]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\r\nb", @"a\r\nb")]
    [InlineData("tab\there", @"tab\there")]
    [InlineData("esc\u001b[31m", @"esc\u001b[31m")]
    [InlineData("nul\0", @"nul\u0000")]
    [InlineData("del\u007f", @"del\u007f")]
    [InlineData("next line\u0085", @"next line\u0085")]
    [InlineData("line sep\u2028para sep\u2029", @"line sep\u2028para sep\u2029")]
    [InlineData(@"back\slash\n", @"back\\slash\\n")]
    [InlineData("ünïcödé stays", "ünïcödé stays")]
    public void Control_characters_are_escaped_and_nothing_else(string raw, string logged)
    {
        Assert.Equal(logged, LogEscaping.Escape(raw));
        Assert.DoesNotContain(LogEscaping.Escape(raw), c => char.IsControl(c) || c is '\u2028' or '\u2029');
    }

    [Theory]
    [InlineData("abc-123", true)]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", true)]
    [InlineData("a.b:c_d", true)]
    [InlineData("", false)]
    [InlineData("with space", false)]
    [InlineData("new\nline", false)]
    [InlineData("quote\"", false)]
    [InlineData("ünï", false)]
    public void Incoming_request_ids_are_kept_only_when_sane(string incoming, bool kept)
    {
        Assert.Equal(kept ? incoming : null, RequestIdMiddleware.Accept(incoming));
        Assert.Null(RequestIdMiddleware.Accept(new string('a', 65)));
        Assert.Equal(new string('a', 64), RequestIdMiddleware.Accept(new string('a', 64)));
    }
}
