namespace Keyhold.Security;

/// <summary>
/// One audit message as ONTAP shows it (/api/security/audit/messages); the node and index are added when it is written.
/// <paramref name="Input"/> must already have its secrets removed.
/// </summary>
/// <param name="Application">ONTAP's enum (http, ontapi, console, internal, ...) or Keyhold's kmip.</param>
/// <param name="Location">The client's address, or "console".</param>
/// <param name="State">pending, success or error.</param>
/// <param name="Scope">cluster, or svm for a request on a data SVM.</param>
public sealed record AuditEntry(
    DateTimeOffset Timestamp, string Application, string Location, string User, string Input, string State, string Scope, string? Message = null)
{
    public const string Success = "success", Error = "error", Pending = "pending";
    public const string Cluster = "cluster", Svm = "svm";
}
