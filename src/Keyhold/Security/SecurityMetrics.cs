using System.Diagnostics.Metrics;

namespace Keyhold.Security;

/// <summary>
/// Failed logins are counted, not logged one by one (a flood of bad credentials must not flood the log); no user
/// name is attached, so the count reveals nothing about which accounts exist.
/// </summary>
public sealed class SecurityMetrics
{
    public const string MeterName = "Keyhold.Security";

    private readonly Counter<long> failedLogins;

    public SecurityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        failedLogins = meter.CreateCounter<long>("keyhold.auth.failures", "{attempt}", "Credentials refused (unknown user or wrong password).");
    }

    public void LoginFailed() => failedLogins.Add(1);
}
