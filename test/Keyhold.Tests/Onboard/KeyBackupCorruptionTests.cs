using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

public class KeyBackupCorruptionTests
{
    private static readonly string Armoured = OnboardTestData.MakeBackup(4).Armoured;

    [Fact]
    public void Every_single_character_flip_in_the_body_is_detected()
    {
        var bodyStart = Armoured.IndexOf('\n') + 1;
        var bodyEnd = Armoured.LastIndexOf("---------------------------END", StringComparison.Ordinal);
        for (var i = bodyStart; i < bodyEnd; i++)
        {
            if (Armoured[i] == '\n')
                continue;
            var flipped = Armoured[..i] + Flip(Armoured[i]) + Armoured[(i + 1)..];
            Assert.Throws<FormatException>(() => KeyBackup.Decode(flipped));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(63)]
    public void Damaged_begin_ruler_is_refused(int index) =>
        Assert.Throws<FormatException>(() => KeyBackup.Decode(Armoured[..index] + "x" + Armoured[(index + 1)..]));

    [Fact]
    public void Missing_end_ruler_is_refused() =>
        Assert.Throws<FormatException>(() => KeyBackup.Decode(Armoured[..Armoured.LastIndexOf("-----", StringComparison.Ordinal)].TrimEnd('-')));

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Truncated_body_is_refused(double fraction)
    {
        var lines = Armoured.TrimEnd('\n').Split('\n');
        var body = string.Concat(lines[1..^1]);
        var cut = body[..(int)(body.Length * fraction / 4 * 4)];
        Assert.Throws<FormatException>(() => KeyBackup.Decode($"{lines[0]}\n{cut}\n{lines[^1]}\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("hello world")]
    [InlineData("--------------------------BEGIN BACKUP--------------------------\n---------------------------END BACKUP---------------------------\n")]
    [InlineData("--------------------------BEGIN BACKUP--------------------------\nAAAAAAAAAAAAAAAA\n---------------------------END BACKUP---------------------------\n")]
    [InlineData("--------------------------BEGIN BACKUP--------------------------\nTmV0QXBwIEtleSBCbG9i\n---------------------------END BACKUP---------------------------\n")]
    [InlineData("--------------------------BEGIN BACKUP--------------------------\n!!!!\n---------------------------END BACKUP---------------------------\n")]
    public void Garbage_is_refused(string text) =>
        Assert.Throws<FormatException>(() => KeyBackup.Decode(text));

    [Fact]
    public void Absurdly_long_input_is_refused_before_parsing() =>
        Assert.Throws<FormatException>(() => KeyBackup.Decode(new string('A', 100 * 1024 * 1024)));

    [Fact]
    public void Messages_do_not_echo_the_input()
    {
        const string Marker = "ZZZZsecretZZZZ";
        var text = Armoured.Replace("\n", "\n" + Marker, StringComparison.Ordinal);
        var e = Assert.Throws<FormatException>(() => KeyBackup.Decode(text));
        Assert.DoesNotContain(Marker, e.ToString());
    }

    private static char Flip(char c) => c == 'A' ? 'B' : 'A';
}
