using Keyhold.Storage;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Storage;

/// <summary>The store contract on the embedded store; a second node opens the same file.</summary>
public sealed class SqliteStoreContractTests : StoreContract
{
    private readonly string dir = TempDir.Create();

    protected override IStore OpenStore() => StoreFixtures.Sqlite(dir);

    protected override IStore OpenSecondNode() => StoreFixtures.Sqlite(dir);
}
