using Keyhold.Onboard;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Onboard;

/// <summary>The node key is installed with link(2), which refuses an existing name atomically (no check-then-rename race).</summary>
public sealed class HardLinkTests
{
    [Fact]
    public void A_free_name_is_linked_and_a_taken_one_is_left_alone()
    {
        var dir = TempDir.Create();
        var first = Path.Combine(dir, "first");
        var second = Path.Combine(dir, "second");
        var target = Path.Combine(dir, "target");
        File.WriteAllText(first, "one");
        File.WriteAllText(second, "two");

        Assert.True(HardLink.TryCreate(first, target));
        Assert.False(HardLink.TryCreate(second, target));
        Assert.Equal("one", File.ReadAllText(target));
        Assert.Throws<IOException>(() => HardLink.TryCreate(Path.Combine(dir, "missing"), Path.Combine(dir, "other")));
    }
}
