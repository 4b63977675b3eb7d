using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Keyhold.Hosting.Observability;

/// <summary>
/// The plain console format: one line per entry, <c>time level: category[event] request=ID message</c>, with every
/// control character escaped so no value can start a line of its own. An exception's stack follows on indented lines
/// (each escaped), so it cannot pass for an entry either.
/// </summary>
public sealed class KeyholdConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "keyhold";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }
        textWriter.Write(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.Write(']');
        if (RequestScope.Find(scopeProvider) is { } requestId)
        {
            textWriter.Write(" request=");
            textWriter.Write(LogEscaping.Escape(requestId));
        }
        if (message is not null)
        {
            textWriter.Write(' ');
            textWriter.Write(LogEscaping.Escape(message));
        }
        textWriter.Write('\n');
        if (logEntry.Exception is not null)
        {
            foreach (var line in logEntry.Exception.ToString().Split('\n'))
            {
                textWriter.Write("      ");
                textWriter.Write(LogEscaping.Escape(line.TrimEnd('\r')));
                textWriter.Write('\n');
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
