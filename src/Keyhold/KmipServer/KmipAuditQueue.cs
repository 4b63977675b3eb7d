using Keyhold.Security;

namespace Keyhold.KmipServer;

/// <summary>
/// Every KMIP operation's audit message, handed to the cluster's <see cref="AuditLog"/> (application <c>kmip</c>,
/// input <c>Operation object-id</c>, state success or error with the KMIP result reason as message). The audit log only
/// queues — bounded, written in batches by its own writer — so a Get never waits on its audit, and the service never
/// stalls on its audit trail. Changes are also logged at Information as they are queued; reads are not logged.
/// </summary>
public sealed class KmipAuditQueue(AuditLog audit, TimeProvider clock, ILogger<KmipAuditQueue> logger)
{
    public const string Application = "kmip";

    public void Record(string user, string operation, string? uid, int status, bool change)
    {
        var input = operation + " " + (uid ?? "-");
        if (change)
        {
            logger.LogInformation("audit: {User} KMIP {Input} -> {Status}", user, input, status);
        }
        audit.Record(new AuditEntry(clock.GetUtcNow(), Application, Caller.Current?.Address ?? "-", user, input,
            status == 0 ? AuditEntry.Success : AuditEntry.Error, AuditEntry.Cluster, status == 0 ? null : "result reason " + status));
    }

    /// <summary>Waits until every message queued so far is written (tests).</summary>
    public Task FlushAsync(CancellationToken ct) => audit.FlushAsync(ct);
}
