using Microsoft.Extensions.Configuration;
using Keyhold.Hosting;
using Keyhold.Storage;

namespace Keyhold.Tests.Support;

/// <summary>
/// Keyhold's services on a real SQLite store in a throwaway data folder, without HTTP: for service-level tests that
/// call the rules directly and then look at what was stored.
/// </summary>
public sealed class KeyholdServices : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private KeyholdServices(ServiceProvider provider, string dataDir)
    {
        this.provider = provider;
        DataDir = dataDir;
    }

    public string DataDir { get; }

    public IStore Store => Get<IStore>();

    /// <param name="settings">Configuration under "Keyhold:", e.g. ("KdfIterations", "5000").</param>
    /// <param name="clock">Replaces the registered TimeProvider.</param>
    public static async Task<KeyholdServices> StartAsync(TimeProvider? clock = null, params (string Key, string Value)[] settings)
    {
        var dataDir = TempDir.Create();
        var values = new Dictionary<string, string?>
        {
            ["Keyhold:DataDir"] = dataDir,
            ["Keyhold:AdminPassword"] = KeyholdFactory.AdminPassword,
            ["Keyhold:KdfIterations"] = "2000",
        };
        foreach (var (key, value) in settings)
        {
            values["Keyhold:" + key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddKeyhold(configuration);
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<Bootstrap>().InitializeAsync();
        return new KeyholdServices(provider, dataDir);
    }

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
