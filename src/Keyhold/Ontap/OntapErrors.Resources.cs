namespace Keyhold.Ontap;

/// <summary>
/// Errors of the resources around key managers (SVMs, certificates) and Keyhold's own conditions.
/// Where ONTAP's code is not public, the code is a Keyhold choice and says so.
/// </summary>
public static partial class OntapErrors
{
    /// <summary>{0} = name. ONTAP refuses a duplicate SVM name; code is a Keyhold choice.</summary>
    public static readonly OntapError SvmNameExists = new(409, "13434908", "Duplicate SVM name \"{0}\".");

    /// <summary>{0} = name. Code is a Keyhold choice.</summary>
    public static readonly OntapError SvmInUse = new(400, "13434920", "SVM \"{0}\" still has key managers, certificates, keys, volumes or accounts; delete them first.");

    /// <summary>{0} = what is wrong, from the certificate parser (never key material).</summary>
    public static readonly OntapError CertificateInvalid = new(400, "262197", "{0}");

    /// <summary>Code is a Keyhold choice.</summary>
    public static readonly OntapError CertificateExists = new(409, "3735646", "A certificate with this type, serial number and CA is already installed.");

    /// <summary>Code is a Keyhold choice.</summary>
    public static readonly OntapError CertificateInUse = new(400, "3735650", "The certificate is in use by a key manager.");

    /// <summary>A POST names neither onboard nor external, or both.</summary>
    public static readonly OntapError OnboardAndExternalTogether = new(400, "262197", "Onboard and external key management are mutually exclusive; provide one of \"onboard\" or \"external\".");

    /// <summary>An onboard change on a key manager that is not onboard. Code is a Keyhold choice.</summary>
    public static readonly OntapError OnboardNotEnabled = new(400, "65537301", "The Onboard Key Manager is not enabled.");

    // ---- Volumes and their keys (every code below is a Keyhold choice in 65537401..65537499) ------------------

    /// <summary>{0} = SVM name. An encrypted volume needs the SVM's own key manager or the cluster's.</summary>
    public static readonly OntapError NoKeyManager = new(400, "65537401", "No key manager is configured for SVM \"{0}\". Configure the onboard key manager or an external key manager first.");

    /// <summary>{0} = key manager kind. No <c>IKeyStore</c> is registered for it: refuse rather than pretend.</summary>
    public static readonly OntapError KeyStoreUnavailable = new(400, "65537402", "Key storage for {0} key managers is not available in this version of Keyhold.");

    /// <summary>This node holds no sealed copy of the onboard root key.</summary>
    public static readonly OntapError OnboardRootKeyUnavailable = new(400, "65537403", "The Onboard Key Manager root key is not available on this node. Synchronize it with PATCH onboard.synchronize and onboard.existing_passphrase.");

    /// <summary>The effective key manager was deleted or replaced between making a key and storing it.</summary>
    public static readonly OntapError KeyManagerChanged = new(409, "65537404", "The key manager changed while the key was being created. Retry the request.");

    /// <summary>{0} = volume name, {1} = SVM name.</summary>
    public static readonly OntapError VolumeNameExists = new(409, "65537410", "Duplicate volume name \"{0}\" in SVM \"{1}\".");

    /// <summary>{0} = volume name.</summary>
    public static readonly OntapError VolumeNotEncrypted = new(400, "65537411", "Volume \"{0}\" is not encrypted.");

    /// <summary>{0} = volume name.</summary>
    public static readonly OntapError VolumeDecryptionUnsupported = new(400, "65537412", "Volume \"{0}\" is encrypted; Keyhold does not decrypt volumes.");

    /// <summary>{0} = volume name. Another change won the race for the volume's key.</summary>
    public static readonly OntapError VolumeChanged = new(409, "65537413", "Volume \"{0}\" changed while its key was being created or replaced. Retry the request.");

    /// <summary>The backup given to recover does not decode or a key in it does not unwrap.</summary>
    public static readonly OntapError BackupInvalid = new(400, "65537420", "The key backup is damaged or is not an Onboard Key Manager backup.");

    /// <summary>{0} = what ("key", "volume"), {1} = its ID or name.</summary>
    public static readonly OntapError RecoveryConflict = new(409, "65537421", "The backup's {0} \"{1}\" already exists in this cluster. Recover into a cluster without it.");
}
