using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Setup;

/// <summary>README's first command keeps the service's data in ./data of the folder it was started from.</summary>
public sealed class ReadmeRunTests
{
    [Fact]
    public async Task Dotnet_run_from_any_folder_keeps_the_data_in_its_data_subfolder()
    {
        var folder = TempDir.Create();
        using var keyhold = KeyholdProcess.DotnetRun(folder);

        var cluster = await keyhold.Client().GetJsonAsync("/api/cluster");

        cluster.AssertStatus(HttpStatusCode.OK);
        var data = Path.Combine(folder, "data");
        foreach (var file in new[] { "keyhold.db", "node.json", "node-key.pem", "tls.crt", "tls.key" })
        {
            Assert.True(File.Exists(Path.Combine(data, file)), $"{file} is not in {data}");
        }
        // The node that answered is the one whose store is in that folder.
        Assert.Equal(cluster.Body!["uuid"]!.GetValue<string>(), StoreProbe.Rows(data, "SELECT uuid FROM cluster").Single()[0]);
        Assert.Contains($"store in {data}", keyhold.Output);
    }
}
