using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Setup;

/// <summary>README's `dotnet publish` gives one self-contained file that runs the service on its own.</summary>
public sealed class PublishedBinaryTests
{
    [Fact]
    public async Task The_published_single_file_serves_and_stores()
    {
        var executable = PublishedKeyhold.Executable;
        // One file holds the program, the runtime and SQLite's native library: no keyhold.dll, no libe_sqlite3.so beside it.
        var beside = Directory.GetFiles(Path.GetDirectoryName(executable)!).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain("keyhold.dll", beside);
        Assert.DoesNotContain(beside, f => f!.EndsWith(".so", StringComparison.Ordinal));
        Assert.True(new FileInfo(executable).Length > 30_000_000, "a self-contained file carries the runtime");
        using var keyhold = KeyholdProcess.Published(executable);
        var client = keyhold.Client();

        var cluster = await client.GetJsonAsync("/api/cluster?fields=uuid,version");
        var manager = await OnboardSetup.EnableAsync(client);

        cluster.AssertStatus(HttpStatusCode.OK);
        Assert.StartsWith("NetApp Release 9.16.1: Keyhold", cluster.Body!["version"]!["full"]!.GetValue<string>());
        Assert.Equal(cluster.Body!["uuid"]!.GetValue<string>(), StoreProbe.Rows(keyhold.DataDir, "SELECT uuid FROM cluster").Single()[0]);
        Assert.Equal(1, StoreProbe.Count(keyhold.DataDir, "key_managers"));
        Assert.Equal(manager, StoreProbe.Rows(keyhold.DataDir, "SELECT uuid FROM key_managers").Single()[0]);
    }
}
