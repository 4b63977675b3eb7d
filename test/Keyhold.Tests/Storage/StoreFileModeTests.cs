using Keyhold.Storage;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Storage;

/// <summary>Issue 11 row 6: the store's files are 0600 wherever they live, not only inside the 0700 data folder.</summary>
public sealed class StoreFileModeTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task A_store_outside_the_data_folder_is_readable_by_its_owner_only()
    {
        var dir = TempDir.Create();
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101); // 0755: a shared folder, as /var/lib often is
        var path = Path.Combine(dir, "shared.db");
        using (var factory = new KeyholdFactory(storePath: path))
        {
            using var client = factory.Admin();
            (await client.PostJsonAsync("/api/svm/svms", new { name = "vs1" })).AssertStatus(System.Net.HttpStatusCode.Created);
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                Assert.True(File.Exists(file), file);
                Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
            }
        }
    }

    [Fact]
    public void An_existing_world_readable_store_is_tightened_when_opened()
    {
        var path = Path.Combine(TempDir.Create(), "old.db");
        File.WriteAllBytes(path, []);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100); // 0644, as earlier versions left it
        using (new SqliteStore(path))
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        }
    }
}
