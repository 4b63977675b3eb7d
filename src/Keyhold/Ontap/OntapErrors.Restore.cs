namespace Keyhold.Ontap;

/// <summary>POST /security/key-managers/{uuid}/restore (ONTAP 9.14.1's table; 65536843 is shared with /key-servers).</summary>
public static partial class OntapErrors
{
    public static readonly OntapError RestoreAuthKeyFailed = new(400, "65536083", "Internal error. Failed to restore the authentication key.");
    public static readonly OntapError RestoreVekFailed = new(400, "65536855", "Internal error. Failed to restore the volume encryption key.");
    public static readonly OntapError RestoreFromSecondary = new(400, "65538500", "This command only restores keys from primary key servers.");
}
