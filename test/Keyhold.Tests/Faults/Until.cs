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
}
