using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Observability;

/// <summary>
/// A real `keyhold serve` started as an operator starts it, with extra settings in its environment, whose console
/// output is kept line by line so tests can read the log it writes.
/// </summary>
public sealed class ObservedNode : IDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];

    public ObservedNode(IReadOnlyDictionary<string, string>? environment = null, string? dataDir = null)
    {
        DataDir = dataDir ?? TempDir.Create();
        Port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "keyhold.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", dll, "serve", "--urls", Url, "--data", DataDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["KEYHOLD_ADMIN_PASSWORD"] = KeyholdFactory.AdminPassword;
        start.Environment["Keyhold__KdfIterations"] = "2000";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var ready = new TaskCompletionSource();
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Exited += (_, _) => ready.TrySetResult();
        DataReceivedEventHandler keep = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (lines)
            {
                lines.Add(e.Data);
            }
            if (e.Data.Contains("Now listening on", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(30)) || process.HasExited)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // the rest of its output
            }
            Dispose();
            throw new InvalidOperationException("keyhold did not start:\n" + string.Join('\n', Lines));
        }
    }

    public string DataDir { get; }

    public int Port { get; }

    public string Url => $"https://127.0.0.1:{Port}";

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>A client with no credentials (health probes, anonymous scrapes).</summary>
    public HttpClient Anonymous() =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = new Uri(Url) };

    public HttpClient Client(string user = "admin", string password = KeyholdFactory.AdminPassword)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    /// <summary>Waits until a line matching <paramref name="match"/> has been written; the log is asynchronous.</summary>
    public async Task<string> LineAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No such line in the log:\n" + string.Join('\n', Lines));
            }
            await Task.Delay(50);
        }
    }

    private static int FreePort()
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
