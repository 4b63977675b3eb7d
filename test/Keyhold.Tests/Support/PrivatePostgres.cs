using System.Diagnostics;
using Npgsql;

namespace Keyhold.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb + pg_ctl on a free loopback port, in a temporary folder), for tests
/// that stop and start the server: test.sh's shared cluster serves other tests at the same time and must stay up.
/// As root it runs as the postgres account, as test.sh does; fsync stays on, since the test counts what survives.
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    private readonly string bin;
    private readonly string folder;
    private readonly string[] asPostgres;

    private PrivatePostgres(string bin)
    {
        this.bin = bin;
        folder = TempDir.Create();
        asPostgres = Environment.UserName == "root" ? ["runuser", "-u", "postgres", "--"] : [];
        // The server's own account must reach its folder (TempDir's parents are the runner's).
        for (var dir = folder; dir != Path.GetTempPath().TrimEnd('/') && dir.Length > 1; dir = Path.GetDirectoryName(dir)!)
        {
            File.SetUnixFileMode(dir, File.GetUnixFileMode(dir) | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        }
        if (asPostgres.Length > 0)
        {
            Run("chown", "postgres", folder);
        }
        Port = KeyholdProcess.FreePort();
        RunAsServer(Path.Combine(bin, "initdb"), "-D", DataDir, "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8");
        Start();
        ConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=10";
    }

    public int Port { get; }

    public string ConnectionString { get; }

    private string DataDir => Path.Combine(folder, "data");

    /// <summary>A new private cluster; skipped when PostgreSQL's programs are not installed (failed when it is required).</summary>
    public static PrivatePostgres Create()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
            : null;
        Requirements.PostgresPrograms(bin is not null);
        return new PrivatePostgres(bin!);
    }

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public void Start() =>
        RunAsServer(Path.Combine(bin, "pg_ctl"), "-D", DataDir, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200", "start");

    /// <summary>Stops the server: "immediate" is a crash (no checkpoint, recovery at the next start), "fast" a clean stop.</summary>
    public void Stop(string mode = "immediate") =>
        RunAsServer(Path.Combine(bin, "pg_ctl"), "-D", DataDir, "-m", mode, "-w", "-t", "60", "stop");

    public void CreateDatabase(string name)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
    }

    public List<object?[]> Rows(string database, string sql) => PostgresDatabase.Rows(ConnectionStringFor(database), sql);

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ToString();

    private void RunAsServer(string program, params string[] args)
    {
        if (asPostgres.Length == 0)
        {
            Run(program, args);
        }
        else
        {
            Run(asPostgres[0], [.. asPostgres[1..], program, .. args]);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed:\n{stdout}\n{stderr.Result}");
        }
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            Stop("immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the run's temporary folder to take.
        }
    }
}
