using System.Text;
using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

public class KeyBackupFormatTests
{
    private const string Begin = "--------------------------BEGIN BACKUP--------------------------";
    private const string End = "---------------------------END BACKUP---------------------------";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(25)]
    public void Armour_matches_show_backup(int keyCount)
    {
        var (armoured, _) = OnboardTestData.MakeBackup(keyCount);

        Assert.EndsWith(End + "\n", armoured);
        Assert.DoesNotContain('\r', armoured);
        var lines = armoured[..^1].Split('\n');
        Assert.Equal(Begin, lines[0]);
        Assert.Equal(End, lines[^1]);
        Assert.Equal((64, 26, 26), Dashes(lines[0]));
        Assert.Equal((64, 27, 27), Dashes(lines[^1]));

        var body = lines[1..^1];
        Assert.NotEmpty(body);
        Assert.All(body[..^1], line => Assert.Equal(64, line.Length));
        Assert.InRange(body[^1].Length, 1, 64);

        var blob = Convert.FromBase64String(string.Concat(body));
        Assert.StartsWith("NetApp Key Blob", Encoding.ASCII.GetString(blob));
        Assert.StartsWith("TmV0QXBwIEtleSBCbG9i", body[0]);
    }

    private static (int Length, int Leading, int Trailing) Dashes(string ruler) =>
        (ruler.Length, ruler.TakeWhile(c => c == '-').Count(), ruler.Reverse().TakeWhile(c => c == '-').Count());

    [Fact]
    public void Decode_round_trips_every_field()
    {
        using var secrets = RootKeyWrapping.Create(OnboardTestData.Passphrase, OnboardTestData.Iterations);
        var key = new BackupKey("ab12", "SVM-KEK", secrets.RootKey.WrapDataKey("ab12", "SVM-KEK", new byte[32]),
            """{"svm":{"name":"vs0","uuid":"x"},"volume":"\u00e9t\u00e9"}""");
        var original = new BackupContents(secrets.Kdf, secrets.WrappedRootKey, [key, key with { KeyId = "cd34", Metadata = "" }], "cluster-uuid-1");

        var decoded = KeyBackup.Decode(KeyBackup.Encode(original));

        Assert.Equal(original.ClusterUuid, decoded.ClusterUuid);
        Assert.Equal(original.Kdf, decoded.Kdf);
        Assert.Equal(original.WrappedRootKey, decoded.WrappedRootKey);
        Assert.Equal(2, decoded.Keys.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(original.Keys[i].KeyId, decoded.Keys[i].KeyId);
            Assert.Equal(original.Keys[i].KeyType, decoded.Keys[i].KeyType);
            Assert.Equal(original.Keys[i].Wrapped, decoded.Keys[i].Wrapped);
            Assert.Equal(original.Keys[i].Metadata, decoded.Keys[i].Metadata);
        }
    }

    [Fact]
    public void Decode_tolerates_crlf_whitespace_and_no_final_newline()
    {
        var (armoured, keys) = OnboardTestData.MakeBackup(3);
        var mangled = "\r\n   " + armoured.Replace("\n", "  \r\n").TrimEnd();
        var decoded = KeyBackup.Decode(mangled);
        Assert.Equal(keys.Select(k => k.Key.KeyId), decoded.Keys.Select(k => k.KeyId));
        Assert.Equal(3, KeyBackup.Decode(armoured.TrimEnd('\n')).Keys.Count);
    }

    [Fact]
    public void Encode_is_stable_for_the_same_contents()
    {
        var (armoured, _) = OnboardTestData.MakeBackup(2);
        Assert.Equal(armoured, KeyBackup.Encode(KeyBackup.Decode(armoured)));
    }
}
