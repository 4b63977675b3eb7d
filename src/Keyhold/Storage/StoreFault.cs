using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Keyhold.Storage;

/// <summary>Why the store refused a call for reasons of its own, not of the request: it cannot be reached, or its disk is full.</summary>
public enum StoreFaultKind
{
    Unreachable,
    Full,
}

/// <summary>
/// Tells a store's outage or full disk apart from a bug, so the door can answer "retry later" instead of a 500.
/// Only the exception's type and error code are read, never its message.
/// </summary>
public static class StoreFault
{
    private const int SqliteFull = 13;       // SQLITE_FULL: the database or its journal could not grow
    private const int EnospcHResult = 28;    // ENOSPC, as .NET reports it in IOException.HResult's low bits on Unix

    /// <summary>The fault behind <paramref name="error"/> (or one of its inner exceptions), or null when it is something else.</summary>
    public static StoreFaultKind? Of(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode == SqliteFull:
                    return StoreFaultKind.Full;
                case PostgresException postgres when postgres.SqlState == PostgresErrorCodes.DiskFull:
                    return StoreFaultKind.Full;
                // Class 08 (connection), 57P01..57P03 (shut down, restarting, not yet accepting), 53300 (too many connections).
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                        or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections:
                    return StoreFaultKind.Unreachable;
                case PostgresException:
                    return null;  // the server answered: a statement's own error is a bug, not an outage
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return StoreFaultKind.Unreachable;
                case SocketException or TimeoutException:
                    return StoreFaultKind.Unreachable;
                case IOException io when (io.HResult & 0xFFFF) == EnospcHResult:
                    return StoreFaultKind.Full;
            }
        }
        return null;
    }
}
