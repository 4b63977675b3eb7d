using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

public class RootKeyWrappingTests
{
    private const int Iterations = OnboardTestData.Iterations;

    [Fact]
    public void Create_then_unwrap_gives_the_same_root_key()
    {
        using var secrets = RootKeyWrapping.Create(OnboardTestData.Passphrase, Iterations);
        using var root = RootKeyWrapping.Unwrap(OnboardTestData.Passphrase, secrets.Kdf, secrets.WrappedRootKey);
        Assert.Equal(secrets.RootKey.Fingerprint, root.Fingerprint);
        Assert.Equal(RootKeyWrapping.WrappedLength, secrets.WrappedRootKey.Length);
        Assert.Equal(Iterations, secrets.Kdf.Iterations);
    }

    [Fact]
    public void Wrong_passphrase_is_detected()
    {
        using var secrets = RootKeyWrapping.Create(OnboardTestData.Passphrase, Iterations);
        Assert.Throws<WrongPassphraseException>(() =>
            RootKeyWrapping.Unwrap(OnboardTestData.OtherPassphrase, secrets.Kdf, secrets.WrappedRootKey));
    }

    [Fact]
    public void Rewrap_keeps_the_root_key_and_retires_the_old_passphrase()
    {
        using var secrets = RootKeyWrapping.Create(OnboardTestData.Passphrase, Iterations);
        var (kdf, wrapped) = RootKeyWrapping.Rewrap(secrets.RootKey, OnboardTestData.OtherPassphrase, Iterations);

        Assert.NotEqual(secrets.Kdf.Salt, kdf.Salt);
        using var reopened = RootKeyWrapping.Unwrap(OnboardTestData.OtherPassphrase, kdf, wrapped);
        Assert.Equal(secrets.RootKey.Fingerprint, reopened.Fingerprint);
        Assert.Throws<WrongPassphraseException>(() => RootKeyWrapping.Unwrap(OnboardTestData.Passphrase, kdf, wrapped));
    }

    [Fact]
    public void Tampered_wrap_is_refused()
    {
        using var secrets = RootKeyWrapping.Create(OnboardTestData.Passphrase, Iterations);
        var wrapped = (byte[])secrets.WrappedRootKey.Clone();
        wrapped[5] ^= 1;
        Assert.Throws<WrongPassphraseException>(() => RootKeyWrapping.Unwrap(OnboardTestData.Passphrase, secrets.Kdf, wrapped));
    }

    [Fact]
    public void Fingerprint_is_16_hex_chars_and_differs_between_keys()
    {
        using var a = RootKey.Generate();
        using var b = RootKey.Generate();
        Assert.Matches("^[0-9a-f]{16}$", a.Fingerprint);
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void Disposed_root_key_cannot_be_used()
    {
        var root = RootKey.Generate();
        root.Dispose();
        Assert.Throws<ObjectDisposedException>(() => root.WrapDataKey("id", "VEK", new byte[32]));
    }
}
