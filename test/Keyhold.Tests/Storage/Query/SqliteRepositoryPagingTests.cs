using Keyhold.Storage;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Storage.Query;

public sealed class SqliteRepositoryPagingTests : RepositoryPagingContract
{
    protected override IStore OpenStore() => StoreFixtures.Sqlite(TempDir.Create());
}
