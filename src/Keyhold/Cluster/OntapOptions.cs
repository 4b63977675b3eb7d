using Keyhold.Ontap;

namespace Keyhold.Cluster;

/// <summary>
/// Keyhold:Ontap:Version, the ONTAP release this cluster is (docs/ontap-versions.md): <c>/api/cluster</c> reports it, and
/// every endpoint and field newer than it is absent, as on a real cluster of that release.
/// </summary>
public sealed class OntapOptions
{
    public const string Section = "Keyhold:Ontap";

    /// <summary>
    /// The newest release whose key-management surface Keyhold implements whole: 9.16.1 adds inactive key managers
    /// (<c>create_inactive</c>), key-store <c>state</c> and key-manager <c>configuration</c>; 9.17.1 adds only a cloud KMS
    /// (Barbican), which Keyhold does not offer (docs/ontap-versions.md).
    /// </summary>
    public const string DefaultVersion = "9.16.1";

    public string Version { get; set; } = DefaultVersion;

    /// <summary>The parsed release, or null when <see cref="Problem"/> says why not.</summary>
    public OntapVersion? Parsed => OntapVersion.TryParse(Version, out var v) && v >= OntapVersion.Oldest && v <= OntapVersion.Newest ? v : null;

    public string? Problem() => Parsed is null
        ? $"Keyhold:Ontap:Version must be an ONTAP release from {OntapVersion.Oldest} to {OntapVersion.Newest} (e.g. \"9.14.1\"); \"{Version}\" is not."
        : null;
}
