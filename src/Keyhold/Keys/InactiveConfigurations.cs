namespace Keyhold.Keys;

/// <summary>
/// The one rule for where a configuration staged with create_inactive (ONTAP 9.16.1) counts. It is listed (GET
/// key-managers, GET key-stores) and reached by its own uuid, and only /api/security/key-stores enables it. It is never
/// "the key manager of its SVM": what ONTAP's key-manager commands act on (onboard update-passphrase, external modify,
/// onboard/external disable) is the SVM's enabled configuration, so the key-managers collection PATCH and DELETE, the
/// volumes and the MetroCluster partner's hierarchy see only enabled configurations. Deleting one by its uuid, through
/// either resource, runs the key-store DELETE's checks (<c>KeyManagers/ConfigurationDeletion</c>).
/// </summary>
public static class InactiveConfigurations
{
    /// <summary>Whether a stored configuration is its SVM's key manager (what a collection PATCH or DELETE may reach).</summary>
    public static bool IsKeyManagerOfItsSvm(KeyManager km) => km.Enabled;

    /// <summary>
    /// The same for a key-manager record read from an ONTAP cluster (the MetroCluster partner): its <c>enabled</c> when
    /// the release sends it (9.16+); else an onboard record's <c>onboard.enabled</c>; else true, because before 9.16 a
    /// cluster has no inactive configurations.
    /// </summary>
    public static bool IsKeyManagerOfItsSvm(bool? enabled, bool? onboardEnabled) => enabled ?? onboardEnabled ?? true;
}
