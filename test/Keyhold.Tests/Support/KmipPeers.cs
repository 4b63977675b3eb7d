using System.Diagnostics;

namespace Keyhold.Tests.Support;

/// <summary>A running PyKMIP server: where it listens and the PEMs of its throwaway CA and client identity.</summary>
public sealed record KmipPeer(string Directory, string Host, int Port, string CaPem, string ClientCertPem, string ClientKeyPem)
{
    public string Server => $"{Host}:{Port}";

    /// <summary>The same server under its other certificate name (SAN DNS:localhost): a distinct key server to Keyhold.</summary>
    public string Alias => $"localhost:{Port}";
}

/// <summary>
/// The PyKMIP servers test.sh prepares ($KEYHOLD_KMIP_A / _B), started with test/peers/kmip-server/start.sh into
/// &lt;repo&gt;/.kmip when the variables are absent (the test is skipped when PyKMIP is not installed); and throwaway
/// siblings that share A's CA (so one client certificate works on both).
/// </summary>
public static class KmipPeers
{
    private static readonly Lazy<KmipPeer> LazyA = new(() => Open("KEYHOLD_KMIP_A", "a"));
    private static readonly Lazy<KmipPeer> LazyB = new(() => Open("KEYHOLD_KMIP_B", "b"));

    public static KmipPeer A => LazyA.Value;

    public static KmipPeer B => LazyB.Value;

    /// <summary>A, or the test skipped with the reason when PyKMIP is installed but would not start (unless KEYHOLD_REQUIRE_KMIP=1).</summary>
    public static KmipPeer AOrSkip()
    {
        try
        {
            return A;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("KEYHOLD_REQUIRE_KMIP") != "1")
        {
            Skip.If(true, "PyKMIP could not be started (Debian's python3-pykmip; test.sh starts it): " + e.Message);
            throw;
        }
    }

    /// <summary>A new server in <paramref name="dir"/> with A's CA, server and client certificates. Stop it with <see cref="Stop"/>.</summary>
    public static KmipPeer StartSiblingOfA(string dir)
    {
        var certs = Directory.CreateDirectory(Path.Combine(dir, "certs")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(A.Directory, "certs")))
        {
            File.Copy(file, Path.Combine(certs, Path.GetFileName(file)), overwrite: true);
        }
        Run("start.sh", dir);
        return Read(dir);
    }

    public static void Stop(KmipPeer peer) => Run("stop.sh", peer.Directory);

    private static KmipPeer Open(string variable, string name)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } dir)
        {
            return Read(dir);
        }
        Requirements.PyKmip(Scripts());
        var started = Path.Combine(RepoRoot(), ".kmip", name);
        Run("start.sh", started);
        return Read(started);
    }

    private static KmipPeer Read(string dir)
    {
        var env = File.ReadAllLines(Path.Combine(dir, "env"))
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        return new KmipPeer(dir, env["KMIP_HOST"], int.Parse(env["KMIP_PORT"], System.Globalization.CultureInfo.InvariantCulture),
            File.ReadAllText(env["KMIP_CA_CERT"]), File.ReadAllText(env["KMIP_CLIENT_CERT"]), File.ReadAllText(env["KMIP_CLIENT_KEY"]));
    }

    private static void Run(string script, string dir)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Scripts(), script), dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {dir} failed: {stderr.Result}");
        }
    }

    /// <summary>start.sh and stop.sh: $KEYHOLD_KMIP_SCRIPTS, else the repository's copy in test/peers/kmip-server.</summary>
    private static string Scripts() => Environment.GetEnvironmentVariable("KEYHOLD_KMIP_SCRIPTS") is { Length: > 0 } s
        ? s
        : Path.Combine(RepoRoot(), "test", "peers", "kmip-server");

    private static string RepoRoot()
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
