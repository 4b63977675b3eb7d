using Keyhold.Api.KeyManagers;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Onboard;

/// <summary>
/// The per-request floor (docs/scaling.md): an admin's GET of an onboard key manager with key_backup refreshes the
/// kept backup inside the same read transaction as the row when no refresh is running, else waits for the running
/// one as before. Either way a GET sees every key whose write finished before the GET began, and the text is the
/// format's fresh encoding of the store.
/// </summary>
public sealed class KeyBackupInOneReadTests
{
    [Fact]
    public async Task GETs_racing_key_writes_each_see_every_key_written_before_they_began_and_a_lone_GET_refreshes_in_its_own_read()
    {
        using var factory = new KeyholdFactory();
        var admin = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(admin);
        var km = (await factory.Service<KeyManagerRepository>().FindAsync(Guid.Parse(uuid), default))!;
        await OnboardKeySeed.SeedAsync(factory, km, 0, 20);
        Assert.Equal(20, KeyBackup.Decode(await OnboardSetup.BackupAsync(admin, uuid)).Keys.Count); // the backup is now kept

        var written = 20; // keys whose write has finished
        var writer = Task.Run(async () =>
        {
            for (var i = 20; i < 60; i++)
            {
                await OnboardKeySeed.SeedAsync(factory, km, i, 1);
                Volatile.Write(ref written, i + 1);
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var gets = 0;
            while (!writer.IsCompleted || gets < 10)
            {
                var before = Volatile.Read(ref written);
                var seen = KeyBackup.Decode(await OnboardSetup.BackupAsync(admin, uuid)).Keys.Count;
                Assert.True(seen >= before, $"a GET begun after {before} keys were written saw {seen}");
                gets++;
            }
            return gets;
        })).ToList();
        await writer;
        await Task.WhenAll(readers);

        // One GET at a time after one more write: the first finds no refresh running, so it refreshes inside its own
        // read of the row; the next ones find the store unchanged since and answer with the bytes it sent (KeptAnswerTests).
        await OnboardKeySeed.SeedAsync(factory, km, 60, 1);
        var onboard = factory.Service<OnboardService>();
        var answers = factory.Service<KeyManagerAnswers>();
        var (inRead, kept) = (onboard.KeyBackupRefreshesInRead, answers.Hits);
        var fresh = await OnboardKeySeed.FreshEncodingAsync(factory, km.Uuid);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(fresh, await OnboardSetup.BackupAsync(admin, uuid));
        }
        // Each GET refreshed in its own read or was kept; none waited. A background write (the heartbeat) may make a later one refresh too.
        var (refreshed, fromKept) = (onboard.KeyBackupRefreshesInRead - inRead, answers.Hits - kept);
        Assert.True(refreshed >= 1, $"{refreshed} refreshes in read");
        Assert.Equal(3, refreshed + fromKept);
        Assert.Equal(61, KeyBackup.Decode(fresh).Keys.Count);
    }
}
