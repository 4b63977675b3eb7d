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
    private readonly Counter<long> hashes;
    private readonly Counter<long> refused;
    private readonly Counter<long> auditDropped;

    public SecurityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        failedLogins = meter.CreateCounter<long>("keyhold.auth.failures", "{attempt}", "Credentials refused (unknown user or wrong password).");
        hashes = meter.CreateCounter<long>("keyhold.auth.hashes", "{hash}", "Password hashes run (the limiter let the check through).");
        refused = meter.CreateCounter<long>("keyhold.auth.refused", "{request}", "Requests refused without valid credentials (401 or 429); not audited one by one.");
        auditDropped = meter.CreateCounter<long>("keyhold.audit.dropped", "{message}", "Audit messages dropped because the audit queue was full (the store could not keep up).");
    }

    public void LoginFailed() => failedLogins.Add(1);

    public void HashRun() => hashes.Add(1);

    public void Refused() => refused.Add(1);

    public void AuditDropped() => auditDropped.Add(1);
}
