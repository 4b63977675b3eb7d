using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Kmip.Tests;

/// <summary>
/// A running PyKMIP server: the one prepared in $KEYHOLD_KMIP_A, else started with the shared start.sh
/// into &lt;repo&gt;/.kmip/a (idempotent, left running for the next test run).
/// </summary>
public sealed class KmipServerFixture
{
    public KmipServerFixture()
    {
        Directory = Environment.GetEnvironmentVariable("KEYHOLD_KMIP_A") is { Length: > 0 } dir ? dir : StartServer();
        Dictionary<string, string> env = File.ReadAllLines(Path.Combine(Directory, "env"))
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        Host = env["KMIP_HOST"];
        Port = int.Parse(env["KMIP_PORT"], System.Globalization.CultureInfo.InvariantCulture);
        CaCertificate = X509CertificateLoader.LoadCertificateFromFile(env["KMIP_CA_CERT"]);
        // PKCS#12 import gives a persisted, exportable key, which SslStream client authentication on Linux wants.
        ClientCertificate = X509CertificateLoader.LoadPkcs12FromFile(env["KMIP_CLIENT_PFX"], password: null);
        CaKeyPath = Path.Combine(Path.GetDirectoryName(env["KMIP_CA_CERT"])!, "ca.key");
        CaCertPath = env["KMIP_CA_CERT"];
    }

    public string Directory { get; }

    public string Host { get; }

    public int Port { get; }

    public X509Certificate2 CaCertificate { get; }

    public X509Certificate2 ClientCertificate { get; }

    public string CaCertPath { get; }

    public string CaKeyPath { get; }

    public KmipClientOptions Options(ProtocolVersion? version = null, TimeSpan? timeout = null) => new()
    {
        Host = Host,
        Port = Port,
        ClientCertificate = ClientCertificate,
        TrustedCaCertificates = [CaCertificate],
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        ProtocolVersion = version,
    };

    private static string StartServer()
    {
        string repo = FindRepoRoot();
        string shared = Environment.GetEnvironmentVariable("KEYHOLD_SHARED") is { Length: > 0 } s
            ? s
            : Path.GetFullPath(Path.Combine(repo, "..", "shared"));
        string dir = Path.Combine(repo, ".kmip", "a");
        var start = new ProcessStartInfo("bash", [Path.Combine(shared, "peers", "kmip-server", "start.sh"), dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process p = Process.Start(start)!;
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"start.sh failed: {stderr.Result}");
        }

        return dir;
    }

    private static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Keyhold.slnx")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Keyhold.slnx not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class KmipServerCollection : ICollectionFixture<KmipServerFixture>
{
    public const string Name = "PyKMIP server";
}
