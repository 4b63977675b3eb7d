using Keyhold.KmipServer;

namespace Keyhold.Tests.KmipServer;

/// <summary>
/// The writes an answer leaves behind (a Get's Fresh mark): not started while the answer is being made, started once it
/// is sent, and always done before the connection's next item runs. The listener tests show the same through KMIP.
/// </summary>
public sealed class KmipSessionTests
{
    [Fact]
    public async Task A_later_write_starts_only_when_released_and_the_next_item_waits_for_it()
    {
        var session = new KmipSession();
        var started = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Later(() =>
        {
            started++;
            return done.Task;
        });
        Assert.Equal(0, started);

        session.Release();
        Assert.Equal(1, started);
        session.Release();
        Assert.Equal(1, started);

        Task<Exception?> settling = session.SettleAsync();
        Assert.False(settling.IsCompleted);
        done.SetResult();
        Assert.Null(await settling);
        Assert.Equal(1, started);
    }

    [Fact]
    public async Task Settling_starts_a_write_not_yet_released_and_reports_a_failure_instead_of_throwing()
    {
        var session = new KmipSession();
        var ran = false;
        session.Later(() =>
        {
            ran = true;
            return Task.FromException(new InvalidOperationException("store refused"));
        });
        session.Later(() => throw new IOException("failed before its task"));

        Exception? failure = await session.SettleAsync();
        Assert.True(ran);
        Assert.NotNull(failure);
        Assert.Null(await session.SettleAsync());
    }
}
