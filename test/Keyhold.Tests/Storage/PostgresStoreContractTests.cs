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
        return StoreFixtures.Postgres(database);
    }

    protected override IStore OpenSecondNode() => StoreFixtures.Postgres(database!);

    public override void Dispose()
    {
        base.Dispose();
        database?.Dispose();
    }
}
