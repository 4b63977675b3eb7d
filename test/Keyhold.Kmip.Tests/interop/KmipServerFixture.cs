using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Kmip.Tests;

/// <summary>
/// A running PyKMIP server: the one prepared in $KEYHOLD_KMIP_A (./test.sh starts it), else started with the
/// repository's test/peers/kmip-server/start.sh into &lt;repo&gt;/.kmip/a (idempotent, left running for the next run).
/// Where PyKMIP is not installed, every test that reads the server is skipped with the reason, and fails instead
/// under KEYHOLD_REQUIRE_KMIP=1.
/// </summary>
public sealed class KmipServerFixture
{
    private const string PyKmipServer = "/usr/bin/pykmip-server";
    private readonly Started? started;
    private readonly string? missing;

    public KmipServerFixture()
    {
        if (Environment.GetEnvironmentVariable("KEYHOLD_KMIP_A") is { Length: > 0 } dir)
        {
            started = Read(dir);
            return;
        }
        string scripts = Scripts();
        if (!File.Exists(PyKmipServer) || !File.Exists(Path.Combine(scripts, "start.sh")))
        {
            missing = $"PyKMIP cannot be started (needs {PyKmipServer} and {Path.Combine(scripts, "start.sh")}): run ./test.sh, or apt-get install python3-pykmip.";
            return;
        }
        started = Read(StartServer(scripts));
    }

    public string Directory => Server.Directory;

    public string Host => Server.Host;

    public int Port => Server.Port;

    public X509Certificate2 CaCertificate => Server.CaCertificate;

    public X509Certificate2 ClientCertificate => Server.ClientCertificate;

    public string CaCertPath => Server.CaCertPath;

    public string CaKeyPath => Server.CaKeyPath;

    private Started Server
    {
        get
        {
            if (started is null && Environment.GetEnvironmentVariable("KEYHOLD_REQUIRE_KMIP") == "1")
            {
                Assert.Fail("KEYHOLD_REQUIRE_KMIP=1: " + missing);
            }
            Skip.If(started is null, missing);
            return started!;
        }
    }

    public KmipClientOptions Options(ProtocolVersion? version = null, TimeSpan? timeout = null) => new()
    {
        Host = Host,
        Port = Port,
        ClientCertificate = ClientCertificate,
        TrustedCaCertificates = [CaCertificate],
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
        ProtocolVersion = version,
    };

    private static Started Read(string dir)
    {
        Dictionary<string, string> env = File.ReadAllLines(Path.Combine(dir, "env"))
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        // PKCS#12 import gives a persisted, exportable key, which SslStream client authentication on Linux wants.
        return new Started(dir, env["KMIP_HOST"], int.Parse(env["KMIP_PORT"], System.Globalization.CultureInfo.InvariantCulture),
            X509CertificateLoader.LoadCertificateFromFile(env["KMIP_CA_CERT"]),
            X509CertificateLoader.LoadPkcs12FromFile(env["KMIP_CLIENT_PFX"], password: null),
            env["KMIP_CA_CERT"], Path.Combine(Path.GetDirectoryName(env["KMIP_CA_CERT"])!, "ca.key"));
    }

    /// <summary>$KEYHOLD_KMIP_SCRIPTS, else the repository's copy of the peer scripts.</summary>
    private static string Scripts() => Environment.GetEnvironmentVariable("KEYHOLD_KMIP_SCRIPTS") is { Length: > 0 } s
        ? s
        : Path.Combine(FindRepoRoot(), "test", "peers", "kmip-server");

    private static string StartServer(string scripts)
    {
        string dir = Path.Combine(FindRepoRoot(), ".kmip", "a");
        var start = new ProcessStartInfo("bash", [Path.Combine(scripts, "start.sh"), dir])
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

    private sealed record Started(string Directory, string Host, int Port, X509Certificate2 CaCertificate, X509Certificate2 ClientCertificate,
        string CaCertPath, string CaKeyPath);

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
