namespace Keyhold.Ontap;

/// <summary>Key-manager codes (ONTAP 9.7 security/key-managers POST, PATCH, DELETE and key-servers DELETE).</summary>
public static partial class OntapErrors
{
    // ---- POST /security/key-managers ------------------------------------------------------------------------
    public static readonly OntapError MaxKeyServers = new(400, "65536038", "A maximum of 4 active key servers are allowed.");
    public static readonly OntapError KekGenerateFailed = new(400, "65536214", "Failed to generate cluster key encryption key.");
    public static readonly OntapError KekAddFailed = new(400, "65536216", "Failed to add cluster key encryption key.");
    public static readonly OntapError MetroClusterPeerUnhealthy = new(400, "65536310", "Failed to setup onboard key management because the MetroCluster peer is unhealthy.");
    public static readonly OntapError PlatformNoEncryption = new(400, "65536508", "The platform does not support data at rest encryption.");
    public static readonly OntapError CertificateNotInstalled = new(400, "65536821", "The certificate is not installed.");
    public static readonly OntapError MultitenantNotSupported = new(400, "65536822", "Multitenant key management is not supported in the current cluster version.");
    public static readonly OntapError SvmKeyManagerExists = new(400, "65536823", "The SVM has key manager already configured.");
    public static readonly OntapError MultitenantMetroCluster = new(400, "65536824", "Multitenant key management is not supported in MetroCluster configurations.");
    public static readonly OntapError KeyServerDetailsFailed = new(400, "65536834", "Failed to get existing key-server details for the SVM.");
    public static readonly OntapError KmipVersionQueryFailed = new(400, "65536852", "Failed to query supported KMIP protocol versions.");
    public static readonly OntapError KeyServersAlreadyConfigured = new(400, "65536870", "Key management servers already configured.");
    public static readonly OntapError DuplicateKeyServers = new(400, "65536871", "Duplicate key management servers exist.");
    public static readonly OntapError ExternalRequiresCertsAndServers = new(400, "65536876", "External key management requires client and server CA certificates installed and with one or more key servers provided.");
    public static readonly OntapError ExternalClusterKeysInUse = new(400, "65536878", "External key management cannot be configured as one or more volume encryption keys of the SVM are stored in cluster key management server.");
    public static readonly OntapError ExternalPartnerHasOnboard = new(400, "65536895", "External key manager cannot be configured since this cluster is part of a MetroCluster configuration and the partner site of this MetroCluster configuration has Onboard Key Manager configured.");
    public static readonly OntapError OnboardPartnerHasExternal = new(400, "65536900", "Onboard key management cannot be configured because this cluster is part of a MetroCluster configuration and the partner site has the external key manager configured.");
    public static readonly OntapError OnboardPartiallyConfigured = new(400, "65536903", "Onboard key management has failed to configure on some nodes in the cluster. Use the CLI to sync the onboard key management configuration on failed nodes.");
    public static readonly OntapError OnboardConfiguredAtPartner = new(400, "65536906", "Onboard key management has already been configured at the partner site. Use the CLI to sync the onboard key management with the same passphrase.");
    public static readonly OntapError OnboardAlreadyConfigured = new(400, "65536907", "Onboard key management is already configured. Use the CLI to sync any nodes with onboard key management configuration.");
    public static readonly OntapError OnboardOnlyAdminSvm = new(400, "65536916", "Onboard key management is only supported for an admin SVM.");
    public static readonly OntapError PassphraseLengthIncorrect = new(400, "65536920", "The Onboard Key Manager passphrase length is incorrect.");
    public static readonly OntapError PostSyncPassphraseRequired = new(400, "65537240", "The Onboard Key Manager passphrase must be provided when performing a POST/synchronize operation.");
    public static readonly OntapError PostSyncExistingPassphraseForbidden = new(400, "65537241", "The Onboard Key Manager existing_passphrase must not be provided when performing a POST/synchronize operation.");
    public static readonly OntapError SyncAlreadyConfigured = new(400, "65537244", "Unable to sync/create Onboard Key Manager on the local cluster; Onboard Key Manager is already configured on the cluster.");
    public static readonly OntapError SyncPartnerNotConfigured = new(400, "65537245", "Unable to sync/create Onboard Key Manager on the local cluster; Onboard Key Manager is not configured on the partner cluster.");
    public static readonly OntapError SyncNotMetroCluster = new(400, "65537246", "Unable to sync/create Onboard Key Manager on local cluster. This cluster is not part of a MetroCluster configuration.");
    public static readonly OntapError TlsServerCaIncorrect = new(400, "66060338", "Failed to establish secure connection for a key management server due to incorrect server_ca certificates.");
    public static readonly OntapError TlsClientCertificateIncorrect = new(400, "66060339", "Failed to establish secure connection for a key management server due to incorrect client certificates.");
    public static readonly OntapError TlsCryptsoftError = new(400, "66060340", "Failed to establish secure connection for a key management server due to Cryptsoft error.");
    public static readonly OntapError TlsNetworkError = new(400, "66060341", "Failed to establish secure connection for a key management server due to network configuration issues.");

    // ---- PATCH /security/key-managers/{uuid} ----------------------------------------------------------------
    // 65536139 and 65536150 use the texts Ansible's na_ontap_security_key_manager matches on (not the 9.7 doc texts).
    public static readonly OntapError PassphraseIncorrect = new(400, "65536139", "Cluster-wide passphrase is incorrect.");

    /// <summary>
    /// A passphrase attempt refused before it ran: this client failed too often (Onboard/PassphraseAttemptLimiter); {0} =
    /// seconds to wait. Keyhold choice: ONTAP documents no such answer; the code is the wrong-passphrase one, so clients
    /// that look for it still see a refused passphrase.
    /// </summary>
    public static readonly OntapError PassphraseAttemptsThrottled = new(429, "65536139", "Too many wrong passphrases from this client. Retry in {0} seconds.");
    public static readonly OntapError PassphraseSameAsOld = new(400, "65536150", "New passphrase cannot be same as the old passphrase.");
    public static readonly OntapError PassphraseLengthMismatch = new(400, "65536404", "The passphrase does not match the accepted length.");
    public static readonly OntapError PassphraseChangeFailed = new(400, "65536406", "The change of passphrase failed.");
    public static readonly OntapError PassphraseUpdatePartial = new(400, "65536407", "The passphrase update failed on some nodes.");
    public static readonly OntapError PassphraseUpdatePartialNodes = new(400, "65536408", "The passphrase update failed on some nodes.");
    public static readonly OntapError PassphraseLengthCcMode = new(400, "65536802", "The passphrase does not match the accepted length in common criteria mode.");
    public static readonly OntapError ExternalNotEnabled = new(400, "65536828", "External key management is not enabled for the SVM.");
    public static readonly OntapError ClientCertificateKeysDiffer = new(400, "65536850", "New client certificate public or private keys are different from the existing client certificate.");
    public static readonly OntapError PassphraseBothRequired = new(400, "65536917", "Updating an onboard passphrase requires both new and existing cluster passphrase.");
    public static readonly OntapError PatchSyncExistingPassphraseRequired = new(400, "65537242", "The Onboard Key Manager existing_passphrase must be provided when performing a PATCH/synchronize operation.");
    public static readonly OntapError PatchSyncPassphraseForbidden = new(400, "65537243", "The Onboard Key Manager passphrase must not be provided when performing a PATCH/synchronize operation.");

    // ---- DELETE /security/key-managers/{uuid} ---------------------------------------------------------------
    public static readonly OntapError SvmKeyIdDeleteFailed = new(400, "65536208", "Failed to delete the SVM Key ID.");
    public static readonly OntapError OnboardWrappedKdbDeleteFailed = new(400, "65536233", "Deletion of km_wrapped_kdb key database has failed for onboard key management.");
    public static readonly OntapError OnboardClusterKdbDeleteFailed = new(400, "65536234", "Deletion of cluster_kdb key database has failed for onboard key management.");
    public static readonly OntapError EncryptedVolumesExist = new(400, "65536239", "Encrypted volumes are found for the SVM.");
    public static readonly OntapError NseAuthenticationKeysAssigned = new(400, "65536242", "One or more Storage Encryption devices are assigned an authentication key.");
    public static readonly OntapError OnboardKeyLookupFailed = new(400, "65536800", "Failed to lookup onboard keys.");
    public static readonly OntapError EncryptedCoreFilesFound = new(400, "65536813", "Encrypted kernel core files found.");
    public static readonly OntapError DisableSafetyCheckFailed = new(400, "65536817", "Failed to determine if key manager is safe to disable.");
    public static readonly OntapError EncryptedVolumeCheckFailed = new(400, "65536827", "Failed to determine if the SVM has any encrypted volumes.");
    public static readonly OntapError EncryptedVolumesFound = new(400, "65536867", "Encrypted volumes are found for the SVM.");
    public static readonly OntapError EncryptionTypeUnknown = new(400, "196608301", "Failed to determine the type of encryption.");
    public static readonly OntapError NaeAggregatesFound = new(400, "196608305", "NAE aggregates are found in the cluster.");

    // ---- DELETE /security/key-managers/{uuid}/key-servers/{server} ------------------------------------------
    public static readonly OntapError KeyServerHoldsKeys = new(400, "65536700", "The key server contains keys that are currently in use and not available from any other configured key server in the SVM.");
    public static readonly OntapError KeyServerNotConfigured = new(400, "65536843", "The key management server is not configured for the SVM.");
    public static readonly OntapError NodeOutOfQuorum = new(400, "65536600", "Cannot remove a key server while a node is out of quorum.");

    // ---- Lookups the key-manager module relies on -----------------------------------------------------------
    /// <summary>{0} = SVM name. Ansible treats a message containing <c>SVM "x" does not exist</c> as "no key manager". Code is a Keyhold choice.</summary>
    public static readonly OntapError SvmNotFound = new(400, "2621462", "SVM \"{0}\" does not exist");
}
