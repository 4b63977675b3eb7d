using Keyhold.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keyhold.Bench;

/// <summary>
/// Keyhold's own services over a data folder, without a listener: for bench commands that work on a stopped node's store
/// through Keyhold's code (seeding, timing a page's parts), so what they write or read is what a node would.
/// </summary>
public static class StoppedNode
{
    public static async Task<WebApplication> StartAsync(string dataDir)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration[$"{KeyholdOptions.Section}:DataDir"] = dataDir;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddKeyhold(builder.Configuration);
        var app = builder.Build();
        await app.Services.GetRequiredService<Bootstrap>().InitializeAsync();
        return app;
    }
}
