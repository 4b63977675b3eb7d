using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

public class KdfParametersTests
{
    [Fact]
    public void Default_count_meets_owasp()
    {
        var kdf = KdfParameters.NewPbkdf2();
        Assert.True(kdf.Iterations >= 600_000);
        Assert.Equal("pbkdf2-hmac-sha256", kdf.Algorithm);
        Assert.Equal(32, kdf.Salt.Length);
    }

    [Fact]
    public void Each_call_gets_a_fresh_salt() =>
        Assert.NotEqual(KdfParameters.NewPbkdf2(1_000).Salt, KdfParameters.NewPbkdf2(1_000).Salt);

    [Fact]
    public void Bytes_round_trip_to_an_equal_value()
    {
        var kdf = KdfParameters.NewPbkdf2(123_456);
        Assert.Equal(kdf, KdfParameters.FromBytes(kdf.ToBytes()));
    }

    [Fact]
    public void Rejects_bad_bytes()
    {
        var bytes = KdfParameters.NewPbkdf2(1_000).ToBytes();
        Assert.Throws<FormatException>(() => KdfParameters.FromBytes(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<FormatException>(() => KdfParameters.FromBytes([]));
        var unknownVersion = (byte[])bytes.Clone();
        unknownVersion[0] = 9;
        Assert.Throws<FormatException>(() => KdfParameters.FromBytes(unknownVersion));
    }

    [Fact]
    public void Rejects_absurd_iteration_counts()
    {
        var huge = new KdfParameters(KdfParameters.Pbkdf2Sha256, int.MaxValue, new byte[32]).ToBytes();
        Assert.Throws<FormatException>(() => KdfParameters.FromBytes(huge));
        Assert.Throws<ArgumentOutOfRangeException>(() => KdfParameters.NewPbkdf2(10));
    }
}
