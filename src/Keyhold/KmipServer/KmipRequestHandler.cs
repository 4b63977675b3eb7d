using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using Keyhold.KmipServer.Operations;

namespace Keyhold.KmipServer;

/// <summary>
/// Serves one request message: decodes it, runs its batch items in order under the Batch Error Continuation Option,
/// audits each item (identity, operation, object, result) and answers in the request's protocol version. A message
/// that cannot be decoded gets one failed item (Invalid Message); nothing in it has run.
/// </summary>
public sealed class KmipRequestHandler(
    KmipOperationTable operations, KmipAuditQueue audit, TimeProvider clock, ILogger<KmipRequestHandler> logger)
{
    private readonly TtlvLimits limits = new() { MaxDepth = 16, MaxItems = 20_000 };

    /// <summary>
    /// Answers <paramref name="message"/> from <paramref name="identity"/>, the client certificate's CN, on the connection
    /// whose <paramref name="session"/> holds the writes earlier answers did not wait for (none: a session of its own,
    /// settled before the answer).
    /// </summary>
    public async Task<byte[]> HandleAsync(string identity, ReadOnlyMemory<byte> message, CancellationToken ct, KmipSession? session = null)
    {
        if (session is null)
        {
            var own = new KmipSession();
            byte[] answer = await HandleAsync(identity, message, ct, own);
            await SettleAsync(own);
            return answer;
        }

        KmipRequest request;
        try
        {
            request = KmipRequest.Decode(message, limits);
        }
        catch (KmipFaultException e)
        {
            ProtocolVersion answerIn = Answerable(KmipRequest.PeekVersion(message, limits));
            Audit(identity, "RequestMessage", null, e.Reason);
            return KmipResponseEncoder.Encode(answerIn, clock.GetUtcNow(), [KmipResponseItem.Failed(null, e.Reason, e.Message)]);
        }

        ProtocolVersion version = Answerable(request.Version);
        if (version != request.Version)
        {
            return Refuse(version, request, ResultReason.InvalidMessage, $"Protocol version {request.Version} is not supported.");
        }

        if (request.Continuation == BatchErrorContinuation.Undo)
        {
            return Refuse(version, request, ResultReason.FeatureNotSupported, "Batch Error Continuation Option Undo is not supported.");
        }

        var batch = new KmipBatchState();
        var answers = new List<KmipResponseItem>(request.Items.Count);
        foreach (KmipRequestItem item in request.Items)
        {
            KmipResponseItem answer = await RunAsync(identity, version, item, batch, session, ct);
            answers.Add(answer);
            if (answer.Status != ResultStatus.Success && request.Continuation == BatchErrorContinuation.Stop)
            {
                // Stop: the items after a failure are not processed and not answered (KMIP 1.4 section 6.7).
                break;
            }
        }

        byte[] response = KmipResponseEncoder.Encode(version, clock.GetUtcNow(), answers);
        if (request.MaximumResponseSize is { } max && response.Length > max)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(response);
            response = KmipResponseEncoder.Encode(version, clock.GetUtcNow(), [.. answers.Select(a => a.Payload is null ? a
                : KmipResponseItem.Failed(new KmipRequestItem(a.Operation ?? 0, a.BatchItemId, null), ResultReason.ResponseTooLarge, "The answer exceeds Maximum Response Size."))]);
        }

        foreach (KmipResponseItem a in answers)
        {
            if (a.Payload is not null)
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(a.Payload);
            }
        }

        return response;
    }

    /// <summary>Answers a client whose certificate is not trusted: every item Authentication Not Successful, nothing run.</summary>
    public byte[] RefuseUntrusted(ReadOnlyMemory<byte> message)
    {
        const string reason = "The client certificate does not chain to an installed client_ca, or is not valid now.";
        Audit("(untrusted certificate)", "RequestMessage", null, ResultReason.AuthenticationNotSuccessful);
        try
        {
            KmipRequest request = KmipRequest.Decode(message, limits);
            return Refuse(Answerable(request.Version), request, ResultReason.AuthenticationNotSuccessful, reason);
        }
        catch (KmipFaultException)
        {
            return KmipResponseEncoder.Encode(Answerable(KmipRequest.PeekVersion(message, limits)), clock.GetUtcNow(),
                [KmipResponseItem.Failed(null, ResultReason.AuthenticationNotSuccessful, reason)]);
        }
    }

    /// <summary>Waits for the writes earlier answers of the session did not wait for; a failed one is logged, not thrown.</summary>
    public async Task SettleAsync(KmipSession session)
    {
        if (await session.SettleAsync() is { } failed)
        {
            logger.LogWarning("KMIP: clearing Fresh after a Get failed ({Type}); the object may still show Fresh.", failed.GetType().Name);
        }
    }

    private async Task<KmipResponseItem> RunAsync(string identity, ProtocolVersion version, KmipRequestItem item, KmipBatchState batch, KmipSession session, CancellationToken ct)
    {
        // What this client asks now sees what its earlier answers left to be stored.
        await SettleAsync(session);
        string operation = Enum.IsDefined((KmipOperation)item.Operation) ? ((KmipOperation)item.Operation).ToString() : $"0x{item.Operation:X2}";
        var handler = operations.Find(item.Operation);
        if (handler is null)
        {
            Audit(identity, operation, null, ResultReason.OperationNotSupported);
            return KmipResponseItem.Failed(item, ResultReason.OperationNotSupported, $"{operation} is not supported by this server.");
        }

        KmipCall? call = null;
        try
        {
            call = new KmipCall(identity, version, item.Payload, batch, session);
            byte[] payload = await handler(call, ct);
            Audit(identity, operation, call.ObjectId, null);
            return new KmipResponseItem(item.Operation, item.BatchItemId, ResultStatus.Success, Payload: payload);
        }
        catch (KmipFaultException e)
        {
            Audit(identity, operation, call?.ObjectId, e.Reason);
            return KmipResponseItem.Failed(item, e.Reason, e.Message);
        }
        catch (KmipProtocolException e)
        {
            // A payload that breaks the encoding (a missing field, a wrong type): the request's fault, not the server's.
            Audit(identity, operation, call?.ObjectId, ResultReason.InvalidMessage);
            return KmipResponseItem.Failed(item, ResultReason.InvalidMessage, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Lower layers' messages may quote values; log the type and stack only.
            logger.LogError("KMIP {Operation} failed: {Type} {Stack}", operation, e.GetType().Name, e.StackTrace);
            Audit(identity, operation, call?.ObjectId, ResultReason.GeneralFailure);
            return KmipResponseItem.Failed(item, ResultReason.GeneralFailure, "The server failed to perform the operation.");
        }
    }

    private byte[] Refuse(ProtocolVersion version, KmipRequest request, ResultReason reason, string message) =>
        KmipResponseEncoder.Encode(version, clock.GetUtcNow(), [.. request.Items.Select(i => KmipResponseItem.Failed(i, reason, message))]);

    /// <summary>The request's version when supported, else the newest supported version below it, else 1.0.</summary>
    private static ProtocolVersion Answerable(ProtocolVersion? asked) =>
        asked is { } v ? ServerInfoOperations.Versions.FirstOrDefault(s => s <= v, ProtocolVersion.V1_0) : ProtocolVersion.V1_0;

    /// <summary>Audit: who, which operation, which object, what result (the reason's number, 0 for success). Never payloads.</summary>
    private void Audit(string identity, string operation, string? uid, ResultReason? reason) =>
        audit.Record("kmip:" + identity, operation, uid, reason is { } r ? (int)r : 0, change: !ReadOnly.Contains(operation));

    private static readonly HashSet<string> ReadOnly =
    [
        nameof(KmipOperation.Get), nameof(KmipOperation.GetAttributes), nameof(KmipOperation.GetAttributeList),
        nameof(KmipOperation.Locate), nameof(KmipOperation.Query), nameof(KmipOperation.DiscoverVersions), nameof(KmipOperation.Check),
    ];
}
