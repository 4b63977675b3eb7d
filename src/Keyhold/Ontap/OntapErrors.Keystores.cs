namespace Keyhold.Ontap;

/// <summary>
/// Key-store codes: POST /security/key-managers?create_inactive=true (9.16.1), PATCH and DELETE
/// /security/key-stores/{uuid} (9.14), with ONTAP's texts.
/// </summary>
public static partial class OntapErrors
{
    // ---- POST /security/key-managers (an inactive configuration already stands beside the enabled one) --------
    public static readonly OntapError InactiveOnboardExists = new(400, "65539520", "Cannot enable the Onboard Key Manager on the admin SVM because an inactive Onboard Key Manager already exists on the admin SVM.");
    public static readonly OntapError InactiveExternalExists = new(400, "65539585", "Cannot enable an external key manager on the admin SVM because an inactive external key manager already exists on the admin SVM.");

    // ---- PATCH /security/key-stores/{uuid} ------------------------------------------------------------------
    public static readonly OntapError KeystoreNoKeyServers = new(400, "65536856", "No external key management server configured for SVM.");
    public static readonly OntapError KeystoreServersUnavailable = new(400, "65536987", "One or more key servers are unavailable.");
    public static readonly OntapError KeystoreNotFound = new(404, "65538908", "The specified keystore configuration UUID either does not exist or corresponds to a keystore configuration that is not supported by this operation.");
    public static readonly OntapError KeystoreEnabledRequired = new(400, "65538909", "A value for enabled is required.");
    public static readonly OntapError KeystoreDisableNotSupported = new(400, "65538910", "Disabling an enabled configuration through this method is currently not supported.");
    public static readonly OntapError KeystoreConfigurationMissing = new(404, "65539207", "The specified keystore configuration does not exist.");
    public static readonly OntapError KeystoreNotActive = new(400, "65539212", "Cannot switch the enabled keystore configuration when it is not in the 'active' or 'switching' state.");
    public static readonly OntapError KeystoreAlreadyEnabled = new(400, "65539218", "The specified keystore configuration is already enabled.");
    public static readonly OntapError KeystoreSwitchToOnboardWithPolicy = new(400, "65539583", "Cannot switch to the Onboard Key Manager when the external key manager has a policy associated with it");
    public static readonly OntapError KeystoreSwitchTooManyAuthKeys = new(400, "65539590", "Cannot switch to the Onboard Key Manager if there are more than two NSE-AKs in the cluster.");
    public static readonly OntapError KeystoreSwitchTooFewAuthKeys = new(400, "65539591", "Cannot switch to the Onboard Key Manager if there are fewer than two NSE-AKs in the cluster.");
    public static readonly OntapError KeystoreSwitchTypes = new(400, "65539515", "Cannot switch keystore types on the admin SVM. The keystore type for the invalid configuration must be OKM and the enabled configuration must be KMIP, or vice versa.");

    // ---- DELETE /security/key-stores/{uuid} -----------------------------------------------------------------
    public static readonly OntapError KeystoreEnabledNotDeletable = new(400, "65538905", "The keystore configuration is currently enabled and cannot be deleted.");
    public static readonly OntapError KeystoreSwitchingNoDelete = new(400, "65539593", "Cannot delete an inactive key manager configuration while the keystore is in the switching state.");

    /// <summary>
    /// Keyhold choice: an inactive configuration that still holds keys (KMIP objects wrapped under a disabled onboard
    /// root key; {0} says which) would take them with it. ONTAP's 65538907 refuses configurations the method cannot
    /// delete; this is one, with a text that says why.
    /// </summary>
    public static readonly OntapError KeystoreHoldsKeys = new(400, "65538907", "The method is not yet supported for deleting this configuration: it still holds {0}.");
}
