using Microsoft.Extensions.Hosting;

namespace Keyhold.Tests.Support;

/// <summary>A host lifetime that never stops, for services constructed without a host.</summary>
public sealed class StubLifetime : IHostApplicationLifetime
{
    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => CancellationToken.None;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication()
    {
    }
}
