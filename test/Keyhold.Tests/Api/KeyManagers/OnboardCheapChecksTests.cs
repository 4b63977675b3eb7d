using System.Diagnostics;
using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>A POST onboard on a cluster that already has a key manager is refused before the costly KDF runs.</summary>
public sealed class OnboardCheapChecksTests
{
    /// <summary>The most PBKDF2 iterations Keyhold accepts: tens of seconds per derivation, so a KDF run cannot hide.</summary>
    private const string HugeIterations = "50000000";

    [Fact]
    public async Task A_second_POST_onboard_answers_already_configured_without_running_the_KDF()
    {
        string dataDir;
        using (var first = new KeyholdFactory())
        {
            dataDir = first.DataDir;
            await OnboardSetup.EnableAsync(first.Admin());
        }
        using var factory = new KeyholdFactory(dataDir);
        using var costly = factory.WithWebHostBuilder(b => b.UseSetting("Keyhold:KdfIterations", HugeIterations));
        var client = costly.CreateClient();
        client.DefaultRequestHeaders.Authorization = factory.Admin().DefaultRequestHeaders.Authorization;

        var clock = Stopwatch.StartNew();
        var second = await client.PostJsonAsync("/api/security/key-managers", new { onboard = new { passphrase = OnboardSetup.Other } });

        second.AssertError(HttpStatusCode.BadRequest, "65536907");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"POST took {clock.Elapsed}: the KDF ran before the check.");
    }
}
