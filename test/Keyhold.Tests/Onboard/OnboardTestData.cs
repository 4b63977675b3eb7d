using System.Security.Cryptography;
using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

/// <summary>Shared fixtures: valid passphrases and a low KDF count so the suite stays fast.</summary>
internal static class OnboardTestData
{
    public const int Iterations = 1_000;
    public const string Passphrase = "correct horse battery staple, onboard edition!";
    public const string OtherPassphrase = "a completely different passphrase of 32+ chars";

    /// <summary>A backup of <paramref name="count"/> random data keys, with their plaintext for comparison.</summary>
    public static (string Armoured, List<(BackupKey Key, byte[] Material)> Keys) MakeBackup(int count, string passphrase = Passphrase)
    {
        using var secrets = RootKeyWrapping.Create(passphrase, Iterations);
        var keys = new List<(BackupKey, byte[])>();
        for (var i = 0; i < count; i++)
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var type = i % 2 == 0 ? "VEK" : "NSE-AK";
            var material = RandomNumberGenerator.GetBytes(32);
            var wrapped = secrets.RootKey.WrapDataKey(id, type, material);
            keys.Add((new BackupKey(id, type, wrapped, $$"""{"svm":"svm{{i}}"}"""), material));
        }
        var contents = new BackupContents(secrets.Kdf, secrets.WrappedRootKey, [.. keys.Select(k => k.Item1)], Guid.NewGuid().ToString());
        return (KeyBackup.Encode(contents), keys);
    }
}
