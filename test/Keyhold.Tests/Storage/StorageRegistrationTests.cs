using Keyhold.Storage;
using Keyhold.Storage.Query;
using Keyhold.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Keyhold.Tests.Storage;

/// <summary>AddStorage: the configured store, its dialect, and the options checked at start.</summary>
public sealed class StorageRegistrationTests
{
    private static ServiceProvider Build(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddStorage(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task Sqlite_is_the_default_in_the_data_folder_and_the_dialect_is_the_stores()
    {
        var dir = TempDir.Create();
        using (var services = Build(("Keyhold:DataDir", Path.Combine(dir, "data"))))
        {
            var store = services.GetRequiredService<IStore>();
            Assert.IsType<SqliteStore>(store);
            Assert.Same(SqliteDialect.Instance, store.Dialect);
            Assert.Same(store.Dialect, services.GetRequiredService<ISqlDialect>());
            await SchemaSteps.ApplyAsync(store);
        }
        Assert.True(File.Exists(Path.Combine(dir, "data", "keyhold.db")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(dir, "data")));
        }
    }

    [Fact]
    public async Task StorePath_names_a_shared_sqlite_file()
    {
        var dir = TempDir.Create();
        using (var services = Build(("Keyhold:DataDir", Path.Combine(dir, "node")), ("Keyhold:StorePath", Path.Combine(dir, "shared", "cluster.db"))))
        {
            await SchemaSteps.ApplyAsync(services.GetRequiredService<IStore>());
        }
        Assert.True(File.Exists(Path.Combine(dir, "shared", "cluster.db")));
        Assert.False(File.Exists(Path.Combine(dir, "node", "keyhold.db")));
    }

    [Fact]
    public void Postgres_with_a_connection_string_is_the_postgres_store()
    {
        using var services = Build(("Keyhold:Store", "postgres"), ("Keyhold:ConnectionString", "Host=127.0.0.1;Database=none"));
        var store = services.GetRequiredService<IStore>();
        Assert.IsType<PostgresStore>(store);
        Assert.Same(PostgresDialect.Instance, services.GetRequiredService<ISqlDialect>());
    }

    [Theory]
    [InlineData("postgres", null, "The postgres store needs Keyhold:ConnectionString.")]
    [InlineData("mysql", null, "Unknown store 'mysql'. Use 'sqlite' or 'postgres'.")]
    public void Bad_store_options_fail_at_start_with_the_reason(string store, string? connectionString, string reason)
    {
        using var services = Build(("Keyhold:Store", store), ("Keyhold:ConnectionString", connectionString));
        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(reason, failure.Message);
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStore>());
    }
}
