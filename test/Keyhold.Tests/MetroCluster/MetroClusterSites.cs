using Keyhold.Tests.Support;

namespace Keyhold.Tests.MetroCluster;

/// <summary>Settings that make a Keyhold cluster the MetroCluster partner of a running site, trusting that site's own certificate.</summary>
public static class MetroClusterSites
{
    public static Dictionary<string, string> PartnerOf(KeyholdProcess site) => PartnerOf(site.Url, Path.Combine(site.DataDir, "tls.crt"), site.Password!);

    public static Dictionary<string, string> PartnerOf(string url, string certificateFile, string password) => new()
    {
        ["Keyhold__MetroCluster__Partner"] = url,
        ["Keyhold__MetroCluster__PartnerCertificate"] = certificateFile,
        ["Keyhold__MetroCluster__PartnerUser"] = "admin",
        ["Keyhold__MetroCluster__PartnerPassword"] = password,
    };

    /// <summary>The same settings in configuration-path form, for an in-process factory.</summary>
    public static void Apply(KeyholdFactory factory, Dictionary<string, string> environment)
    {
        foreach (var (key, value) in environment)
        {
            factory.Settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }
    }
}
