namespace Keyhold.Keys;

/// <summary>
/// One key manager configuration: the cluster's (no SVM) or an SVM's. Onboard or external, never both. At most one
/// configuration per SVM is <paramref name="Enabled"/> and serves keys; an inactive one (ONTAP 9.16.1's
/// create_inactive) waits beside it to be enabled through /api/security/key-stores.
/// </summary>
/// <param name="Policy">ONTAP 9.9's key-manager policy, set at POST for an external key manager (null: none).</param>
public sealed record KeyManager(Guid Uuid, Guid? SvmUuid, string? SvmName, string Kind, bool DareDisabled, DateTimeOffset Created, bool Enabled = true,
    string? Policy = null)
{
    public const string Onboard = "onboard", External = "external";

    /// <summary>What scope_key holds for an inactive configuration after its scope: "cluster/inactive/onboard".</summary>
    private const string InactiveMark = "/inactive/";

    public string Scope => SvmUuid is null ? "cluster" : "svm";

    /// <summary>
    /// Store-level uniqueness key (a UNIQUE column): the enabled configuration holds its scope ("cluster" for the
    /// admin SVM, else the SVM's uuid); an inactive one holds "scope/inactive/kind", so the store itself keeps one
    /// enabled configuration per SVM and at most one inactive configuration of each kind beside it.
    /// </summary>
    public string ScopeKey => Enabled ? ScopeOf(SvmUuid) : InactiveScopeKey(SvmUuid, Kind);

    public static string ScopeOf(Guid? svmUuid) => svmUuid?.ToString() ?? "cluster";

    public static string InactiveScopeKey(Guid? svmUuid, string kind) => ScopeOf(svmUuid) + InactiveMark + kind;

    /// <summary>Whether a stored scope_key names an enabled configuration.</summary>
    public static bool IsEnabledKey(string scopeKey) => !scopeKey.Contains(InactiveMark, StringComparison.Ordinal);

    public static string Href(Guid uuid) => "/api/security/key-managers/" + uuid;
}
