namespace Keyhold.Ontap;

/// <summary>/security/key-managers/{uuid}/auth-keys (ONTAP 9.12; codes from the 9.14.1 POST and DELETE tables).</summary>
public static partial class OntapErrors
{
    public static readonly OntapError AuthKeyMaximum = new(400, "65536048", "The maximum number of authentication keys are already configured.");
    public static readonly OntapError AuthKeyPassphraseLength = new(400, "65536053", "Invalid passphrase length; passphrase must be 20-32 ASCII-range characters.");
    public static readonly OntapError AuthKeyTagInvalid = new(400, "65536056", "The key-tag option cannot contain any spaces, tabs or new lines.");
    public static readonly OntapError AuthKeyNoKeyServers = new(400, "65536074", "No key servers found.");
    public static readonly OntapError AuthKeyNoKeyServersForSvm = new(400, "65536856", "No key servers found for the SVM.");
    public static readonly OntapError AuthKeyPushFailed = new(400, "65536076", "Failed to push authentication key to any registered key servers.");
    public static readonly OntapError AuthKeyPartnerNotExternal = new(400, "65536896", "External key management is not configured on the partner site.");
    public static readonly OntapError AuthKeyNotAnAuthenticationKey = new(400, "65536860", "Key-id provided for deletion is not an authentication key.");
    public static readonly OntapError AuthKeyDestroyFailed = new(400, "66060296", "Failed to delete key from an external key server.");
    public static readonly OntapError AuthKeyNotAdminSvm = new(400, "65538802", "The UUID provided is not associated with the administrator SVM key manager.");
}
