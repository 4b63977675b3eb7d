using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Keyhold.Tests.Support;

/// <summary>
/// A real `keyhold serve` process on a loopback port and its own data folder, started the way a
/// user starts it, for clients that must talk to a real HTTPS endpoint (Ansible, curl, crash tests).
/// </summary>
public sealed class KeyholdProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    /// <param name="environment">Extra variables, e.g. <c>Keyhold__Store</c> to share a PostgreSQL store with another process.</param>
    public KeyholdProcess(string? dataDir = null, string? password = KeyholdFactory.AdminPassword, IReadOnlyDictionary<string, string>? environment = null, string[]? serveArgs = null)
        : this("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "keyhold.dll")], null, dataDir ?? TempDir.Create(), true, password, TimeSpan.FromSeconds(30), environment, serveArgs: serveArgs)
    {
    }

    /// <summary>As the default start, with extra settings in the environment (e.g. Keyhold__Store for a shared store).</summary>
    public KeyholdProcess(string dataDir, IReadOnlyDictionary<string, string> environment)
        : this("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "keyhold.dll")], null, dataDir, true, KeyholdFactory.AdminPassword, TimeSpan.FromSeconds(30), environment)
    {
    }

    private KeyholdProcess(string program, string[] prefix, string? workingDirectory, string dataDir, bool passDataDir, string? password, TimeSpan startTimeout,
        IReadOnlyDictionary<string, string>? environment = null, string[]? serveArgs = null, int? port = null)
    {
        DataDir = dataDir;
        Password = password;
        // A port found free can be taken by another process before keyhold binds it (suites run side by side on one
        // machine): a start that fails only because its port is in use is retried on another port.
        for (int attempt = 1; ; attempt++)
        {
            Port = port ?? FreePort();
            if (TryStart(program, prefix, workingDirectory, passDataDir, password, startTimeout, environment, serveArgs, out process))
            {
                return;
            }
            bool portTaken = Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase) || Output.Contains("is in use", StringComparison.Ordinal);
            Dispose();
            if (!portTaken || attempt == 3)
            {
                throw new InvalidOperationException("keyhold did not start:\n" + Output);
            }
            lock (output)
            {
                output.Clear();
            }
            if (port is not null)
            {
                Thread.Sleep(1_000); // a given port: wait for whoever holds it to let go
            }
        }
    }

    private bool TryStart(string program, string[] prefix, string? workingDirectory, bool passDataDir, string? password, TimeSpan startTimeout,
        IReadOnlyDictionary<string, string>? environment, string[]? serveArgs, out Process started)
    {
        string[] serve = ["serve", "--urls", $"https://127.0.0.1:{Port}", .. serveArgs ?? []];
        var start = new ProcessStartInfo(program, [.. prefix, .. serve, .. passDataDir ? new[] { "--data", DataDir } : []])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        if (password is not null)
        {
            start.Environment["KEYHOLD_ADMIN_PASSWORD"] = password;
        }
        else
        {
            start.Environment.Remove("KEYHOLD_ADMIN_PASSWORD");
        }
        start.Environment["Keyhold__KdfIterations"] = "2000";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var ready = new TaskCompletionSource();
        started = new Process { StartInfo = start, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            if (e.Data?.Contains("Now listening on", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        started.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        started.Exited += (_, _) => ready.TrySetCanceled();
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        try
        {
            return ready.Task.Wait(startTimeout);
        }
        catch (AggregateException)
        {
            // The process exited before it was ready; give its last lines time to arrive.
            started.WaitForExit(2_000);
            return false;
        }
    }

    /// <summary>keyhold from the test build with extra settings in its environment (e.g. Keyhold__Kmip__Endpoint).</summary>
    public static KeyholdProcess WithEnvironment(IReadOnlyDictionary<string, string> environment, string? dataDir = null) =>
        new("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "keyhold.dll")], null, dataDir ?? TempDir.Create(), true,
            KeyholdFactory.AdminPassword, TimeSpan.FromSeconds(30), environment);

    /// <summary>
    /// keyhold from the test build on a given port, e.g. a node restarted where its peers already expect it (a MetroCluster
    /// partner names the other site's URL, so one site must come back on its port).
    /// </summary>
    public static KeyholdProcess OnPort(int port, string dataDir, IReadOnlyDictionary<string, string> environment) =>
        new("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "keyhold.dll")], null, dataDir, true,
            KeyholdFactory.AdminPassword, TimeSpan.FromSeconds(30), environment, port: port);

    /// <summary>A published keyhold executable, started as an operator would start it.</summary>
    public static KeyholdProcess Published(string executable) =>
        new(executable, [], null, TempDir.Create(), true, KeyholdFactory.AdminPassword, TimeSpan.FromSeconds(30));

    /// <summary>
    /// README's first command, `dotnet run --project src/Keyhold -c CONFIG -- serve`, started in
    /// <paramref name="workingDirectory"/> with no --data: its data folder is whatever keyhold chooses, expected
    /// ./data of that directory. --no-build: the tests' own build made the program, and tests must not rebuild it.
    /// </summary>
    public static KeyholdProcess DotnetRun(string workingDirectory) =>
        new("dotnet", ["run", "--project", Repository.PathOf("src", "Keyhold"), "-c", Repository.Configuration, "--no-build", "--"],
            workingDirectory, Path.Combine(workingDirectory, "data"), false, KeyholdFactory.AdminPassword, TimeSpan.FromSeconds(90));

    public string DataDir { get; }

    public int Port { get; }

    public string? Password { get; }

    public string Url => $"https://127.0.0.1:{Port}";

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public HttpClient Client() => Client("admin", Password);

    private System.Security.Cryptography.X509Certificates.X509Certificate2 ServerCertificate =>
        serverCertificate ??= System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(DataDir, "tls.crt")));

    private System.Security.Cryptography.X509Certificates.X509Certificate2? serverCertificate;

    /// <summary>
    /// A client with Basic credentials (none when <paramref name="user"/> is null) whose connections leave from
    /// <paramref name="from"/> (e.g. 127.0.0.2), so one test can act as several client addresses.
    /// </summary>
    public HttpClient Client(string? user, string? password, IPAddress? from = null, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            // The node's own certificate, as README tells operators to trust it.
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == ServerCertificate.Thumbprint },
        };
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }
        if (from is not null)
        {
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        var client = new HttpClient(handler) { BaseAddress = new Uri(Url) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        return client;
    }

    public bool HasExited => process.HasExited;

    /// <summary>The process id, to read its resident memory from /proc.</summary>
    public int ProcessId => process.Id;

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power loss.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, then wait for a clean exit.</summary>
    public int Stop()
    {
        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        process.WaitForExit(15_000);
        return process.HasExited ? process.ExitCode : -1;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5_000);
        }
        process.Dispose();
    }
}
