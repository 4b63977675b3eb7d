using System.Security.Cryptography;
using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

public class OnboardRecoveryTests
{
    [Fact]
    public void Recovery_restores_byte_identical_data_keys()
    {
        var (armoured, originals) = OnboardTestData.MakeBackup(5);

        using var recovered = OnboardRecovery.Recover(armoured, OnboardTestData.Passphrase);
        var restored = recovered.UnwrapAll();

        Assert.Equal(originals.Count, restored.Count);
        for (var i = 0; i < originals.Count; i++)
        {
            Assert.Equal(originals[i].Key.KeyId, restored[i].Key.KeyId);
            Assert.Equal(originals[i].Key.Metadata, restored[i].Key.Metadata);
            Assert.Equal(originals[i].Material, restored[i].Material);
            CryptographicOperations.ZeroMemory(restored[i].Material);
        }
    }

    [Fact]
    public void Recovered_root_key_keeps_working_for_stored_wraps()
    {
        var (armoured, originals) = OnboardTestData.MakeBackup(1);
        using var recovered = OnboardRecovery.Recover(armoured, OnboardTestData.Passphrase);
        var key = originals[0].Key;
        Assert.Equal(originals[0].Material, recovered.RootKey.UnwrapDataKey(key.KeyId, key.KeyType, key.Wrapped));
        Assert.Equal(originals[0].Material, recovered.UnwrapKey(recovered.Keys[0]));
    }

    [Fact]
    public void Wrong_passphrase_is_refused()
    {
        var (armoured, _) = OnboardTestData.MakeBackup(1);
        Assert.Throws<WrongPassphraseException>(() => OnboardRecovery.Recover(armoured, OnboardTestData.OtherPassphrase));
        Assert.Throws<WrongPassphraseException>(() => OnboardRecovery.Verify(armoured, OnboardTestData.OtherPassphrase));
        OnboardRecovery.Verify(armoured, OnboardTestData.Passphrase);
    }

    [Fact]
    public void A_key_from_another_hierarchy_fails_verification()
    {
        var (armoured, _) = OnboardTestData.MakeBackup(2);
        var (_, foreign) = OnboardTestData.MakeBackup(1);
        var contents = KeyBackup.Decode(armoured);
        var mixed = contents with { Keys = [contents.Keys[0], foreign[0].Key] };

        var e = Assert.ThrowsAny<CryptographicException>(() => OnboardRecovery.Recover(KeyBackup.Encode(mixed), OnboardTestData.Passphrase));
        Assert.Contains("Key 2 of 2", e.Message);
    }

    [Fact]
    public void Backup_after_passphrase_change_opens_with_the_new_passphrase_only()
    {
        var (armoured, originals) = OnboardTestData.MakeBackup(2);
        var contents = KeyBackup.Decode(armoured);
        using var root = RootKeyWrapping.Unwrap(OnboardTestData.Passphrase, contents.Kdf, contents.WrappedRootKey);
        var (kdf, wrapped) = RootKeyWrapping.Rewrap(root, OnboardTestData.OtherPassphrase, OnboardTestData.Iterations);
        var changed = KeyBackup.Encode(contents with { Kdf = kdf, WrappedRootKey = wrapped });

        Assert.NotEqual(armoured, changed);
        Assert.Throws<WrongPassphraseException>(() => OnboardRecovery.Recover(changed, OnboardTestData.Passphrase));
        using var recovered = OnboardRecovery.Recover(changed, OnboardTestData.OtherPassphrase);
        Assert.Equal(originals[1].Material, recovered.UnwrapKey(recovered.Keys[1]));
    }
}
