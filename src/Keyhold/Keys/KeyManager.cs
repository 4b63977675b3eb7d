namespace Keyhold.Keys;

/// <summary>One key manager: the cluster's (no SVM) or an SVM's. Onboard or external, never both.</summary>
public sealed record KeyManager(Guid Uuid, Guid? SvmUuid, string? SvmName, string Kind, bool DareDisabled, DateTimeOffset Created)
{
    public const string Onboard = "onboard", External = "external";

    public string Scope => SvmUuid is null ? "cluster" : "svm";

    /// <summary>Store-level uniqueness key: one key manager per SVM, "cluster" for the admin SVM.</summary>
    public string ScopeKey => SvmUuid?.ToString() ?? "cluster";

    public static string Href(Guid uuid) => "/api/security/key-managers/" + uuid;
}
