using Keyhold.Onboard;

namespace Keyhold.Tests.Onboard;

/// <summary>No failure path may put the passphrase into an exception message (logs, API errors).</summary>
public class PassphraseLeakTests
{
    private const string Distinctive = "QUOKKA-7f3e-passphrase-that-must-never-leak-9c1d";
    private const string Wrong = "QUOKKA-wrong-passphrase-that-must-never-leak-0000";

    public static TheoryData<string, Action> FailingCalls()
    {
        var (armoured, _) = OnboardTestData.MakeBackup(1, Distinctive);
        var contents = KeyBackup.Decode(armoured);
        return new TheoryData<string, Action>
        {
            { "unwrap", () => RootKeyWrapping.Unwrap(Wrong, contents.Kdf, contents.WrappedRootKey) },
            { "recover", () => OnboardRecovery.Recover(armoured, Wrong) },
            { "recover corrupt", () => OnboardRecovery.Recover(armoured.Replace('A', 'B'), Distinctive) },
            { "create too long", () => RootKeyWrapping.Create(Distinctive + new string('x', 300), OnboardTestData.Iterations) },
            { "create non-ascii", () => RootKeyWrapping.Create(Distinctive + "\u00e9", OnboardTestData.Iterations) },
        };
    }

    [Theory]
    [MemberData(nameof(FailingCalls))]
    public void Exceptions_never_contain_the_passphrase(string name, Action call)
    {
        var e = Assert.ThrowsAny<Exception>(call);
        Assert.False(e.ToString().Contains("QUOKKA", StringComparison.Ordinal), name);
    }
}
