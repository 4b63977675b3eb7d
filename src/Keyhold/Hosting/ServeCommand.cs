using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Keyhold.Hosting;

/// <summary>
/// `keyhold serve [--urls URL] [--data DIR] [--kmip HOST:PORT]`: runs a node. Unknown tokens pass on to the host's configuration (as
/// `--Keyhold:NodeName=n1`). A busy port is one line and exit code 1, found before anything is created; so is a setting that fails its validation.
/// </summary>
public static class ServeCommand
{
    public const int PortInUse = 1;

    /// <summary>A setting that fails its validation at start.</summary>
    public const int BadSetting = 1;

    public static Command Build()
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen, ';'-separated (or urls / ASPNETCORE_URLS; default {KeyholdApp.DefaultUrl})" };
        var data = new Option<string?>("--data") { Description = "The node's data folder (or Keyhold__DataDir; default ./data)" };
        var kmip = new Option<string?>("--kmip") { Description = "Also serve KMIP on HOST:PORT (or Keyhold__Kmip__Endpoint; KMIP's port is 5696; off by default)" };
        var serve = new Command("serve", "Run a Keyhold node") { urls, data, kmip };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(parse => ServeAsync(parse.GetValue(urls), parse.GetValue(data),
            parse.GetValue(kmip) is { } endpoint ? [.. parse.UnmatchedTokens, $"--Keyhold:Kmip:Endpoint={endpoint}"] : [.. parse.UnmatchedTokens]));
        return serve;
    }

    /// <param name="standalone">False for a test host (WebApplicationFactory), which binds no port and starts the host itself.</param>
    public static async Task<int> ServeAsync(string? urls, string? data, string[] hostArgs, bool standalone = true)
    {
        var listen = urls ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? Environment.GetEnvironmentVariable("URLS") ?? KeyholdApp.DefaultUrl;
        if (standalone && BusyUrl(listen) is { } busy)
        {
            await Console.Error.WriteLineAsync($"keyhold: {busy} is in use (address already in use)");
            return PortInUse;
        }
        try
        {
            await using var app = KeyholdApp.Build(hostArgs, urls, data);
            // The validation the host runs at start, run first so a bad setting is not also logged as a failed start.
            if (standalone)
            {
                app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
            }
            await app.RunAsync();
            return 0;
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            // Another process took the port between the check and the bind.
            await Console.Error.WriteLineAsync($"keyhold: {listen} is in use (address already in use)");
            return PortInUse;
        }
        catch (Keyhold.Cluster.NodeNameTakenException e) when (standalone)
        {
            await Console.Error.WriteLineAsync($"keyhold: {e.Message}");
            return BadSetting;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e) when (standalone)
        {
            // A setting out of range (README's settings table) is the operator's to fix: say which, not a stack trace. A
            // test host gets the exception itself (WebApplicationFactory reports what the entry point threw).
            await Console.Error.WriteLineAsync($"keyhold: {e.Message}");
            return BadSetting;
        }
    }

    /// <summary>The first URL whose address and port another process already holds, or null.</summary>
    private static string? BusyUrl(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                continue;
            }
            var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : null;
            if (address is null || uri.Port <= 0)
            {
                continue;
            }
            try
            {
                using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                // As Kestrel binds on Linux: a port left in TIME_WAIT is free, one another socket listens on is not.
                probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                probe.Bind(new IPEndPoint(address, uri.Port));
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return url;
            }
            catch (SocketException)
            {
                // Not ours to judge (no such address here, no permission): Kestrel reports it.
            }
        }
        return null;
    }
}
