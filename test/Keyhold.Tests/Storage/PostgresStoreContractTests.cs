using Keyhold.Storage;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Storage;

/// <summary>The store contract on the shared PostgreSQL store; a second node opens the same database.</summary>
public sealed class PostgresStoreContractTests : StoreContract
{
    private PostgresDatabase? database;

    protected override IStore OpenStore()
    {
        database = StoreFixtures.Postgres();
        return new PostgresStore(database.ConnectionString);
    }

    protected override IStore OpenSecondNode() => new PostgresStore(database!.ConnectionString);

    public override void Dispose()
    {
        base.Dispose();
        database?.Dispose();
    }
}
