using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Volumes;

/// <summary>A real `keyhold serve` in its own process on a loopback port Kestrel picks, for tests that kill it.</summary>
public sealed class KeyholdProcess : IDisposable
{
    private const string Listening = "Now listening on: ";
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private KeyholdProcess(Process process) => this.process = process;

    public Uri? BaseAddress { get; private set; }

    public string Output => string.Join('\n', output);

    public static async Task<KeyholdProcess> StartAsync(string dataDir)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "keyhold.dll"), "serve", "--urls", "https://127.0.0.1:0", "--data", dataDir })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["KEYHOLD_ADMIN_PASSWORD"] = KeyholdFactory.AdminPassword;
        start.Environment["Keyhold__KdfIterations"] = "2000";
        var server = new KeyholdProcess(Process.Start(start)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.process.OutputDataReceived += (_, e) => server.Read(e.Data, listening);
        server.process.ErrorDataReceived += (_, e) => server.Read(e.Data, listening);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        var ready = await Task.WhenAny(listening.Task, server.process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (ready != listening.Task)
        {
            server.Dispose();
            throw new InvalidOperationException("keyhold did not start listening:\n" + server.Output);
        }
        server.BaseAddress = await listening.Task;
        return server;
    }

    public HttpClient Client()
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{KeyholdFactory.AdminPassword}")));
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flush; whatever the store did not commit is lost.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }
        process.Dispose();
    }

    private void Read(string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }
        output.Enqueue(line);
        var at = line.IndexOf(Listening, StringComparison.Ordinal);
        if (at >= 0)
        {
            listening.TrySetResult(new Uri(line[(at + Listening.Length)..].Trim()));
        }
    }
}
