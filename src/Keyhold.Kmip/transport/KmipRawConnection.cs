namespace Keyhold.Kmip;

/// <summary>
/// A mutually authenticated TLS connection that carries whole TTLV messages as bytes, one request and its answer at
/// a time, without interpreting them: for conformance replays, fuzzing and load tests, which send what no typed
/// operation would. Frames in both directions are bounded by <see cref="KmipClientOptions.MaxMessageSize"/>.
/// </summary>
public sealed class KmipRawConnection : IAsyncDisposable
{
    private readonly KmipConnection _connection;
    private readonly TimeSpan _timeout;

    private KmipRawConnection(KmipConnection connection, TimeSpan timeout)
    {
        _connection = connection;
        _timeout = timeout;
    }

    public string NegotiatedTls => _connection.NegotiatedTls;

    public static async Task<KmipRawConnection> OpenAsync(KmipClientOptions options, CancellationToken ct = default)
    {
        options.Validate();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        var connection = await KmipConnection.OpenAsync(options, new ServerCertificateCheck(), _ => { }, timeout.Token);
        return new KmipRawConnection(connection, options.Timeout);
    }

    /// <summary>Sends <paramref name="request"/> as it is and reads one whole message back (within the timeout).</summary>
    public async Task<byte[]> ExchangeAsync(byte[] request, CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        return await _connection.ExchangeAsync(request, timeout.Token);
    }

    /// <summary>True when the server has closed the connection.</summary>
    public bool LooksClosed() => _connection.LooksClosed();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
