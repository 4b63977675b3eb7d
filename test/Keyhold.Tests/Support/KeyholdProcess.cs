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

    public KeyholdProcess(string? dataDir = null, string? password = KeyholdFactory.AdminPassword)
        : this("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "keyhold.dll")], null, dataDir ?? TempDir.Create(), true, password, TimeSpan.FromSeconds(30))
    {
    }

    /// <summary>As the default start, with extra settings in the environment (e.g. Keyhold__Store for a shared store).</summary>
    public KeyholdProcess(string dataDir, IReadOnlyDictionary<string, string> environment)
        : this("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "keyhold.dll")], null, dataDir, true, KeyholdFactory.AdminPassword, TimeSpan.FromSeconds(30), environment)
    {
    }

    private KeyholdProcess(string program, string[] prefix, string? workingDirectory, string dataDir, bool passDataDir, string? password, TimeSpan startTimeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        DataDir = dataDir;
        Password = password;
        Port = FreePort();
        string[] serve = ["serve", "--urls", $"https://127.0.0.1:{Port}"];
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
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
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
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Task.Wait(startTimeout))
        {
            Dispose();
            throw new InvalidOperationException("keyhold did not start:\n" + Output);
        }
    }

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

    public HttpClient Client()
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        var client = new HttpClient(handler) { BaseAddress = new Uri(Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Password}")));
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power loss.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, then wait for a clean exit.</summary>
    public int Stop()
    {
        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        process.WaitForExit(15_000);
        return process.HasExited ? process.ExitCode : -1;
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
