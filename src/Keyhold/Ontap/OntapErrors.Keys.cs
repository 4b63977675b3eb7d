namespace Keyhold.Ontap;

/// <summary>Where keys live and how they move between key managers. Every code here is a Keyhold choice (65537401..65537499).</summary>
public static partial class OntapErrors
{
    /// <summary>{0} = key ID, {1} = the servers that did not take it. A migrated key must reach every configured server.</summary>
    public static readonly OntapError KeyNotOnEveryServer = new(400, "65537405", "Key {0} could not be stored on key server {1}; every configured key server of the destination must hold a migrated key.");

    /// <summary>
    /// {0} = the cap. The onboard key manager holds as many keys as one key_backup can carry (Keyhold__OnboardMaxKeys,
    /// 1,000,000 at most); ONTAP publishes no volume error for it (docs/key-backup.md).
    /// </summary>
    public static readonly OntapError OnboardKeyCapReached = new(400, "65537406", "The Onboard Key Manager already holds {0} keys, the most one key_backup can hold. Delete volumes or authentication keys that are no longer used, or use an external key manager.");

    /// <summary>
    /// {0} = keys that would move in, {1} = what the Onboard Key Manager would then hold, {2} = the cap. A migration or a
    /// key-store switch into onboard is refused whole rather than leave a key_backup that recover would refuse.
    /// </summary>
    public static readonly OntapError OnboardKeyCapWouldPass = new(400, "65537406", "Moving {0} keys to the Onboard Key Manager would give it {1} keys, more than the {2} one key_backup can hold. Delete volumes or authentication keys that are no longer used, or keep the keys on the external key manager.");

    /// <summary>POST .../migrate names its own source as destination.</summary>
    public static readonly OntapError MigrationSameKeyManager = new(400, "65537430", "The source and destination key managers are the same.");

    /// <summary>{0} = the source, {1} = the destination (e.g. "the external key manager of SVM \"vs1\""). Both are SVMs' key managers.</summary>
    public static readonly OntapError MigrationUnrelated = new(400, "65537431", "Keys move only between the cluster's key manager and an SVM's key manager; the source is {0} and the destination is {1}.");

    /// <summary>{0} = the source, {1} = the destination. A cluster and an SVM key manager of kinds Keyhold does not move keys between.</summary>
    public static readonly OntapError MigrationUnsupported = new(400, "65537432", "Migration from {0} to {1} is not supported; Keyhold moves keys between the cluster's onboard key manager and an SVM's external key manager.");

    /// <summary>
    /// The job stopped at one key: {0} = keys moved, {1} = keys to move, {2} = the key, {3} = its consumer, {4} = what failed,
    /// {5} = "" or a sentence naming moved keys whose source copies remain. Every key is left readable from the key manager its row names.
    /// </summary>
    public static readonly OntapError MigrationFailed = new(400, "65537433", "Migrated {0} of {1} keys, then stopped: key {2} ({3}) {4} Every key is readable from the key manager that holds it; retry when the cause is fixed.{5}");

    /// <summary>{0} = keys moved, {1} = the sentence naming the moved keys whose source copies remain.</summary>
    public static readonly OntapError MigrationSourceCopiesLeft = new(400, "65537434", "Migrated {0} keys.{1}");
}
