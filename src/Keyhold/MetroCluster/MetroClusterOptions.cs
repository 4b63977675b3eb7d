namespace Keyhold.MetroCluster;

/// <summary>
/// The MetroCluster partner of this cluster (section <c>Keyhold:MetroCluster</c>): another Keyhold cluster reached over
/// HTTPS with an account that exists there. No partner means this cluster is not part of a MetroCluster configuration.
/// </summary>
public sealed class MetroClusterOptions
{
    public const string Section = "Keyhold:MetroCluster";

    /// <summary>The partner's base URL, e.g. <c>https://site-b.example:8443</c>.</summary>
    public Uri? Partner { get; set; }

    /// <summary>A PEM file with the partner's HTTPS certificate or the CA it chains to; nothing else is trusted.</summary>
    public string? PartnerCertificate { get; set; }

    /// <summary>The partner account this cluster signs in with (HTTP Basic).</summary>
    public string PartnerUser { get; set; } = "admin";

    /// <summary>That account's password. Never logged.</summary>
    public string? PartnerPassword { get; set; }

    /// <summary>How long one call to the partner may take before the partner counts as unhealthy.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Why these settings cannot work, or null when they can.</summary>
    public string? Problem()
    {
        if (Partner is null)
        {
            return null;
        }
        if (!Partner.IsAbsoluteUri || Partner.Scheme != Uri.UriSchemeHttps)
        {
            return "Keyhold:MetroCluster:Partner must be an https:// URL.";
        }
        if (string.IsNullOrEmpty(PartnerCertificate) || !File.Exists(PartnerCertificate))
        {
            return "Keyhold:MetroCluster:PartnerCertificate must name a PEM file with the partner's certificate or its CA.";
        }
        if (string.IsNullOrEmpty(PartnerUser) || string.IsNullOrEmpty(PartnerPassword))
        {
            return "Keyhold:MetroCluster:PartnerUser and PartnerPassword must name an account on the partner.";
        }
        return Timeout <= TimeSpan.Zero ? "Keyhold:MetroCluster:Timeout must be positive." : null;
    }
}
