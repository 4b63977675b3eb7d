using System.Net.Sockets;
using Keyhold.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Keyhold.Tests.Storage;

/// <summary>Which exceptions are the store's outage or full disk (a 503 or 507), and which stay bugs (a 500).</summary>
public sealed class StoreFaultTests
{
    [Fact]
    public void A_full_sqlite_database_or_disk_is_full()
    {
        Assert.Equal(StoreFaultKind.Full, StoreFault.Of(new SqliteException("database or disk is full", 13)));
        Assert.Equal(StoreFaultKind.Full, StoreFault.Of(new InvalidOperationException("wrapped", new SqliteException("full", 13))));
        Assert.Equal(StoreFaultKind.Full, StoreFault.Of(new IOException("No space left on device", 28)));
    }

    [Fact]
    public void A_refused_or_broken_connection_is_unreachable()
    {
        Assert.Equal(StoreFaultKind.Unreachable, StoreFault.Of(new NpgsqlException("connect failed", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.Equal(StoreFaultKind.Unreachable, StoreFault.Of(new SocketException((int)SocketError.ConnectionReset)));
    }

    [Fact]
    public void Other_store_errors_stay_bugs()
    {
        Assert.Null(StoreFault.Of(new SqliteException("no such table: x", 1)));
        Assert.Null(StoreFault.Of(new SqliteException("constraint failed", 19)));
        Assert.Null(StoreFault.Of(new InvalidOperationException("bug")));
        Assert.Null(StoreFault.Of(new IOException("other I/O error", 5)));
    }
}
