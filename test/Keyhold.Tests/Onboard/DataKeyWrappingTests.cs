using System.Security.Cryptography;
using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

public class DataKeyWrappingTests
{
    private const string KeyId = "00000000000000000000000000000000000000000000000000000000000000a1";

    [Fact]
    public void Wrap_then_unwrap_round_trips()
    {
        using var root = RootKey.Generate();
        var key = RandomNumberGenerator.GetBytes(32);
        var wrapped = root.WrapDataKey(KeyId, "VEK", key);
        Assert.Equal(1 + 12 + 32 + 16, wrapped.Length);
        Assert.Equal(key, root.UnwrapDataKey(KeyId, "VEK", wrapped));
    }

    [Fact]
    public void Each_wrap_uses_a_fresh_nonce()
    {
        using var root = RootKey.Generate();
        var key = new byte[32];
        Assert.NotEqual(root.WrapDataKey(KeyId, "VEK", key), root.WrapDataKey(KeyId, "VEK", key));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(60)]
    public void Tampering_anywhere_is_detected(int index)
    {
        using var root = RootKey.Generate();
        var wrapped = root.WrapDataKey(KeyId, "VEK", new byte[32]);
        wrapped[index] ^= 0x40;
        Assert.ThrowsAny<CryptographicException>(() => root.UnwrapDataKey(KeyId, "VEK", wrapped));
    }

    [Fact]
    public void Wrong_key_id_or_type_fails()
    {
        using var root = RootKey.Generate();
        var wrapped = root.WrapDataKey(KeyId, "VEK", new byte[32]);
        Assert.ThrowsAny<CryptographicException>(() => root.UnwrapDataKey(KeyId + "0", "VEK", wrapped));
        Assert.ThrowsAny<CryptographicException>(() => root.UnwrapDataKey(KeyId, "NSE-AK", wrapped));
    }

    [Fact]
    public void Another_root_key_cannot_unwrap()
    {
        using var root = RootKey.Generate();
        using var other = RootKey.Generate();
        var wrapped = root.WrapDataKey(KeyId, "VEK", new byte[32]);
        Assert.ThrowsAny<CryptographicException>(() => other.UnwrapDataKey(KeyId, "VEK", wrapped));
    }

    [Fact]
    public void Truncated_wrap_fails()
    {
        using var root = RootKey.Generate();
        var wrapped = root.WrapDataKey(KeyId, "VEK", new byte[32]);
        Assert.ThrowsAny<CryptographicException>(() => root.UnwrapDataKey(KeyId, "VEK", wrapped.AsSpan(0, 20)));
    }

    [Fact]
    public void Empty_key_is_refused()
    {
        using var root = RootKey.Generate();
        Assert.Throws<ArgumentException>(() => root.WrapDataKey(KeyId, "VEK", []));
    }
}
