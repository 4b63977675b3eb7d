using Keyhold.Storage;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Storage.Query;

public sealed class PostgresRepositoryPagingTests : RepositoryPagingContract
{
    private PostgresDatabase? database;

    protected override IStore OpenStore()
    {
        database = StoreFixtures.Postgres();
        return StoreFixtures.Postgres(database);
    }

    public override void Dispose()
    {
        base.Dispose();
        database?.Dispose();
    }
}
