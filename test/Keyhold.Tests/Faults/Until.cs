using System.Diagnostics;

namespace Keyhold.Tests.Faults;

public static class Until
{
    /// <summary>Waits for <paramref name="done"/>; 60 s is what a broken build would take, never a healthy slow one.</summary>
    public static async Task TrueAsync(Func<bool> done, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "waited 60 s for " + what);
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> reaches <paramref name="target"/>, for as long as it keeps moving: a busy
    /// shared box may take minutes for 1,000 writes, but a stuck node makes no progress for 60 s.
    /// </summary>
    public static async Task CountAsync(Func<int> count, int target, string what)
    {
        var last = count();
        var still = Stopwatch.StartNew();
        while (last < target)
        {
            Assert.True(still.Elapsed < TimeSpan.FromSeconds(60), $"no progress for 60 s towards {what} (at {last} of {target})");
            await Task.Delay(20);
            var now = count();
            if (now != last)
            {
                last = now;
                still.Restart();
            }
        }
    }
}
