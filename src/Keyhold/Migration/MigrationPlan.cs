using Keyhold.Keys;

namespace Keyhold.Migration;

/// <summary>A checked migration: the keys of <paramref name="Svm"/> held by <paramref name="Source"/> move to <paramref name="Destination"/>.</summary>
public sealed record MigrationPlan(KeyManager Source, KeyManager Destination, Guid Svm, IKeyStore SourceStore, IKeyStore DestinationStore)
{
    /// <summary>How messages name a key manager: "the cluster's onboard key manager", "the external key manager of SVM "vs1"".</summary>
    public static string Describe(KeyManager km) =>
        km.SvmUuid is null ? $"the cluster's {km.Kind} key manager" : $"the {km.Kind} key manager of SVM \"{km.SvmName}\"";
}
