namespace Keyhold.Ontap;

/// <summary>PATCH /security/key-manager-configs (ONTAP 9.10+; texts from ONTAP's error table, docs/key-manager-configs.md).</summary>
public static partial class OntapErrors
{
    public static readonly OntapError ConfigPassphraseLength = new(400, "65536806", "Passphrase length error.");
    public static readonly OntapError MetroClusterInCcMode = new(400, "65536807", "MetroCluster cannot be configured while in Common Criteria mode.");
    public static readonly OntapError CcModePassphraseRequired = new(400, "65537302", "The passphrase field is required when changing cc_mode_enabled to true.");
    public static readonly OntapError PollingNeedsExternal = new(400, "65537304", "Unable to modify polling period because no external key management is configured on the cluster.");

    /// <summary>
    /// {0} = the value, {1} = the field, {2}..{3} = the range ONTAP documents. ONTAP's code for a value out of a
    /// documented range is not public: 262197 is its code for an invalid field value (Keyhold choice of text).
    /// </summary>
    public static readonly OntapError ValueOutOfRange = new(400, "262197", "The value \"{0}\" is invalid for field \"{1}\": the supported range is {2} to {3}.");
}
