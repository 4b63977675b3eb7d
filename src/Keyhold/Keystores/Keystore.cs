using Keyhold.Keys;

namespace Keyhold.Keystores;

/// <summary>
/// A key-manager configuration as /api/security/key-stores shows it. <paramref name="State"/> is ONTAP 9.16's state of
/// the enabled configuration ("active", "switching", "blocked"); an inactive configuration has none, as in ONTAP's examples.
/// </summary>
public sealed record Keystore(KeyManager Config, string? State)
{
    public const string Active = "active", Switching = "switching", Blocked = "blocked";

    /// <summary>ONTAP's keystore type: okm (Onboard Key Manager) or kmip (external); Keyhold offers no cloud type.</summary>
    public string Type => Config.Kind == KeyManager.Onboard ? "okm" : "kmip";

    /// <summary>ONTAP's location: onboard or external (the key-manager kind).</summary>
    public string Location => Config.Kind;

    /// <summary>Every configuration Keyhold holds is named as ONTAP names its first one.</summary>
    public const string ConfigurationName = "default";

    public static string Href(Guid uuid) => "/api/security/key-stores/" + uuid;
}
