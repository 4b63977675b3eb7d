using System.Data.Common;
using Keyhold.Ontap;

namespace Keyhold.Keys;

/// <summary>
/// The one rule for where a configuration staged with create_inactive (ONTAP 9.16.1) counts. It is listed (GET
/// key-managers, GET key-stores) and reached by its own uuid, and only /api/security/key-stores enables it. It is never
/// "the key manager of its SVM": what ONTAP's key-manager commands act on (onboard update-passphrase, external modify,
/// onboard/external disable) is the SVM's enabled configuration, so the key-managers collection PATCH and DELETE, the
/// volumes and the MetroCluster partner's hierarchy see only enabled configurations. Deleting one by its uuid, through
/// either resource, runs the key-store DELETE's checks (<c>KeyManagers/ConfigurationDeletion</c>). The instance PATCH and
/// the key-server POST, PATCH and DELETE map to commands on the SVM's enabled configuration too (external modify,
/// add-servers, modify-server, remove-servers; onboard update-passphrase), so on an inactive one they are refused with
/// the "not enabled" code of its kind (<see cref="RequireKeyManagerOfItsSvm"/>; docs/ontap-versions.md).
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

    /// <summary>
    /// Refuses a change to a configuration that is not its SVM's key manager: 65536828 ("External key management is not
    /// enabled for the SVM.") for an external one, 65537301 ("The Onboard Key Manager is not enabled.") for onboard.
    /// </summary>
    public static void RequireKeyManagerOfItsSvm(KeyManager km, string target)
    {
        if (!IsKeyManagerOfItsSvm(km))
        {
            throw NotEnabled(km).With(target);
        }
    }

    /// <summary>
    /// The same inside the change's own transaction, read again there: a switch committed since the request read the
    /// configuration has made it inactive (or deleted it: 404).
    /// </summary>
    public static async Task RequireKeyManagerOfItsSvmAsync(DbConnection c, DbTransaction tx, Guid uuid, string target, CancellationToken ct) =>
        RequireKeyManagerOfItsSvm(await KeyManagerRepository.FindAsync(c, tx, uuid, ct) ?? throw OntapErrors.EntryNotFound.With("uuid"), target);

    private static OntapError NotEnabled(KeyManager km) => km.Kind == KeyManager.External ? OntapErrors.ExternalNotEnabled : OntapErrors.OnboardNotEnabled;
}
