using System.Security.Cryptography;

namespace Keyhold.Kmip;

/// <summary>
/// KMIP client for one server: a single pooled TLS connection, one request in flight at a time,
/// each call bounded by <see cref="KmipClientOptions.Timeout"/> and failing with a classified <see cref="KmipException"/>.
/// </summary>
public sealed partial class KmipClient : IAsyncDisposable
{
    private readonly KmipClientOptions _options;
    private readonly string _endpoint;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private KmipConnection? _connection;
    private ServerCertificateCheck? _lastCheck;
    private ConnectionPhase _phase;
    private ProtocolVersion? _version;
    private bool _disposed;

    public KmipClient(KmipClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _endpoint = $"{options.Host}:{options.Port}";
        _version = options.ProtocolVersion;
    }

    /// <summary>The version used for requests: configured, or negotiated on the first call (null until then).</summary>
    public ProtocolVersion? ProtocolVersion => _version;

    /// <summary>
    /// Sends all items in one request message, as given (no reordering, no ID placeholders filled in).
    /// Per-item failures are returned, not thrown; transport, TLS and encoding failures throw <see cref="KmipException"/>.
    /// </summary>
    public Task<IReadOnlyList<KmipBatchItemResult>> SendBatchAsync(IReadOnlyList<KmipOperationRequest> items,
        CancellationToken cancellationToken = default) =>
        SendBatchAsync(items, null, cancellationToken);

    /// <summary>As <see cref="SendBatchAsync(IReadOnlyList{KmipOperationRequest}, CancellationToken)"/>, stating what the
    /// server should do after a failed item (null leaves the server default, Stop; PyKMIP refuses Undo).</summary>
    public async Task<IReadOnlyList<KmipBatchItemResult>> SendBatchAsync(IReadOnlyList<KmipOperationRequest> items,
        BatchErrorContinuation? continuation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one item.", nameof(items));
        }

        using var timeout = new CancellationTokenSource(_options.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _lock.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw KmipFailureClassifier.Timeout(_endpoint, ConnectionPhase.WaitingForConnection, _options.Timeout);
        }

        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await SendLockedAsync(items, continuation, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await DropConnectionAsync();
            throw KmipFailureClassifier.Timeout(_endpoint, _phase, _options.Timeout);
        }
        catch (OperationCanceledException)
        {
            // The request may be half written or its answer half read: the connection is unusable.
            await DropConnectionAsync();
            throw;
        }
        catch (KmipOperationException)
        {
            throw;
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            bool firstExchange = _connection is null || _connection.Exchanges == 0;
            await DropConnectionAsync();
            throw KmipFailureClassifier.Classify(e, _endpoint, _phase, _lastCheck, firstExchange, _options.ClientCertificate is not null);
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync();
        try
        {
            _disposed = true;
            await DropConnectionAsync();
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<IReadOnlyList<KmipBatchItemResult>> SendLockedAsync(IReadOnlyList<KmipOperationRequest> items,
        BatchErrorContinuation? continuation, CancellationToken ct)
    {
        ProtocolVersion version = _version ?? await NegotiateLockedAsync(ct);
        byte[] request = RequestMessageEncoder.Encode(version, _options.Credential, items, continuation);
        try
        {
            byte[] response = await ExchangeLockedAsync(request, items.All(i => i.IsIdempotent), ct);
            return BatchResponseMatcher.Match(items, ResponseMessage.Decode(response), version);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(request);
        }
    }

    /// <summary>Highest 1.x (at most 1.4) both sides speak; 2.0 only if the server speaks nothing older.</summary>
    private async Task<ProtocolVersion> NegotiateLockedAsync(CancellationToken ct)
    {
        // DiscoverVersions exists since 1.1, so the probe itself is sent as 1.1.
        var discover = new DiscoverVersionsRequest(Kmip.ProtocolVersion.Supported);
        byte[] request = RequestMessageEncoder.Encode(Kmip.ProtocolVersion.V1_1, _options.Credential, [discover]);
        byte[] response = await ExchangeLockedAsync(request, idempotent: true, ct);
        KmipBatchItemResult result = BatchResponseMatcher.Match([discover], ResponseMessage.Decode(response), Kmip.ProtocolVersion.V1_1)[0];
        if (!result.IsSuccess)
        {
            if (result.Reason is not (ResultReason.OperationNotSupported or ResultReason.InvalidMessage))
            {
                throw result.ToException();
            }

            _version = Kmip.ProtocolVersion.V1_0;
            return _version.Value;
        }

        var common = result.GetResponse<DiscoverVersionsResponse>().Versions
            .Where(Kmip.ProtocolVersion.Supported.Contains).ToList();
        var preferred = common.Where(v => v <= Kmip.ProtocolVersion.V1_4).ToList();
        _version = preferred.Count > 0 ? preferred.Max() : common.Count > 0 ? common.Max() : Kmip.ProtocolVersion.V1_0;
        return _version.Value;
    }

    /// <summary>Sends on the pooled connection; an idempotent request is resent once if a reused connection broke.</summary>
    private async Task<byte[]> ExchangeLockedAsync(byte[] request, bool idempotent, CancellationToken ct)
    {
        bool reused = await EnsureConnectedLockedAsync(ct);
        _phase = ConnectionPhase.Exchanging;
        try
        {
            return await _connection!.ExchangeAsync(request, ct);
        }
        catch (IOException) when (reused && idempotent && !ct.IsCancellationRequested)
        {
            await DropConnectionAsync();
            await EnsureConnectedLockedAsync(ct);
            _phase = ConnectionPhase.Exchanging;
            return await _connection!.ExchangeAsync(request, ct);
        }
    }

    /// <summary>Returns true when an existing connection is reused.</summary>
    private async Task<bool> EnsureConnectedLockedAsync(CancellationToken ct)
    {
        if (_connection is not null && !_connection.LooksClosed())
        {
            return true;
        }

        await DropConnectionAsync();
        _lastCheck = new ServerCertificateCheck();
        _connection = await KmipConnection.OpenAsync(_options, _lastCheck, p => _phase = p, ct);
        return false;
    }

    private async Task DropConnectionAsync()
    {
        KmipConnection? connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
