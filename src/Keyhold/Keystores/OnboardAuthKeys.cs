using Keyhold.Keys;
using Keyhold.Ontap;

namespace Keyhold.Keystores;

/// <summary>
/// ONTAP's Onboard Key Manager holds exactly two NSE authentication keys (it makes them itself when enabled, and
/// `key create` is refused while it is enabled), so the NSE-AKs of an external configuration that move with a switch to
/// onboard must be two: more is 65539590, one is 65539591. None is allowed: nothing moves, as on a cluster without
/// self-encrypting drives (Keyhold's reading of "fewer than two"; docs/key-stores.md). Checked before the job starts and
/// again in the transaction that switches, so an auth-key POST or DELETE in between cannot slip past it.
/// </summary>
public static class OnboardAuthKeys
{
    /// <summary>Whether the rule applies: a switch from an external configuration to an onboard one.</summary>
    public static bool Applies(KeyManager source, KeyManager target) => source.Kind == KeyManager.External && target.Kind == KeyManager.Onboard;

    public static void Check(long authKeys)
    {
        if (authKeys > 2)
        {
            throw OntapErrors.KeystoreSwitchTooManyAuthKeys.With("uuid");
        }
        if (authKeys == 1)
        {
            throw OntapErrors.KeystoreSwitchTooFewAuthKeys.With("uuid");
        }
    }
}
