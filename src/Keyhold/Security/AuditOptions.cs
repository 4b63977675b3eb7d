namespace Keyhold.Security;

/// <summary>Audit retention and buffering (Keyhold:Audit:*); see docs/audit.md.</summary>
public sealed class AuditOptions
{
    public const string Section = "Keyhold:Audit";

    /// <summary>Messages older than this are deleted.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(90);

    /// <summary>At most this many messages are kept (the oldest go first): the size bound of the audit.</summary>
    public int MaxRecords { get; set; } = 500_000;

    /// <summary>Messages waiting for the writer; beyond this they are dropped and counted, never waited for.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How often refused unauthenticated requests and dropped messages are summarised in one message, and retention applied.</summary>
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromMinutes(1);

    public string? Problem() =>
        MaxAge <= TimeSpan.Zero || MaxRecords < 1 || QueueCapacity < 1 || SummaryInterval <= TimeSpan.Zero
            ? "Keyhold:Audit needs a positive MaxAge and SummaryInterval and MaxRecords and QueueCapacity of at least 1."
            : null;
}
