using Microsoft.Extensions.Logging.Console;

namespace Keyhold.Hosting.Observability;

/// <summary>
/// Console logging: one escaped line per entry (<see cref="KeyholdConsoleFormatter"/>), or JSON lines with
/// Keyhold:Log:Format=json (AddJsonConsole; JSON escapes control characters itself). Both carry the request scope.
/// </summary>
public static class LogSetup
{
    public const string FormatKey = "Keyhold:Log:Format";

    public static void Configure(ILoggingBuilder logging, IConfiguration configuration)
    {
        var format = configuration[FormatKey];
        logging.ClearProviders();
        switch (format?.ToLowerInvariant())
        {
            case "json":
                logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                });
                break;
            case null or "" or "text":
                logging.AddConsole(o => o.FormatterName = KeyholdConsoleFormatter.Name)
                    .AddConsoleFormatter<KeyholdConsoleFormatter, ConsoleFormatterOptions>();
                break;
            default:
                throw new InvalidOperationException($"{FormatKey} must be text or json.");
        }
        // ASP.NET Core's per-request Information lines cost a third of the throughput; keep warnings and up.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Its request scope (created before any middleware) would carry a second, different request ID and the raw
        // path; RequestIdMiddleware opens the one scope every line inside a request carries.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
    }
}
