using Keyhold.Tests.Support;
using Xunit.Abstractions;

namespace Keyhold.Tests.Kmip.Conformance;

/// <summary>
/// The handed-over OASIS KMIP 1.4 test cases of the profiles Keyhold's KMIP server claims (Symmetric Key Lifecycle,
/// Symmetric Key Foundry, Opaque Managed Object Store, Storage Array with Self-Encrypting Drives, Tape Library),
/// replayed against a real `keyhold serve --kmip`, each profile on a fresh process and store: every file must pass.
/// </summary>
public class KeyholdVectorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("SKLC")]
    [InlineData("SKFF")]
    [InlineData("OMOS")]
    [InlineData("SASED")]
    [InlineData("TL")]
    public async Task Every_handed_over_file_of_the_profile_passes(string profile)
    {
        var files = VectorFile.Profiles(Path.Combine(VectorFile.Root, "v1.4"), f => f.Profile == profile).Single();
        var results = await ReplayAsync(files);
        Assert.All(results, r => Assert.True(r.Passed, r.ToString()));
    }

    internal async Task<IReadOnlyList<VectorResult>> ReplayAsync(IReadOnlyList<VectorFile> files)
    {
        using var server = await KeyholdKmipServer.StartAsync();
        var results = await new VectorReplayer(server.ConnectAsync).ReplayProfileAsync(files);
        foreach (var result in results)
        {
            output.WriteLine(result.ToString());
        }
        return results;
    }
}
