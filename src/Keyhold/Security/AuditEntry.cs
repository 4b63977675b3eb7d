namespace Keyhold.Security;

/// <summary>One audit record: who, what (method and path), when, and the outcome. Never a body or a query string.</summary>
public sealed record AuditEntry(string User, string Method, string Path, int Status, DateTimeOffset Time);
