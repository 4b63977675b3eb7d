using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip.Server;

/// <summary>
/// A decoded RequestMessage as a server sees it. Decoding checks the shape only; operations read their own payloads.
/// A message that cannot be decoded raises <see cref="KmipFaultException"/> (Invalid Message), answered with no items.
/// </summary>
public sealed record KmipRequest(
    ProtocolVersion Version,
    BatchErrorContinuation Continuation,
    bool BatchOrder,
    string? Username,
    string? Password,
    int? MaximumResponseSize,
    IReadOnlyList<KmipRequestItem> Items)
{
    /// <summary>Most batch items one request may carry.</summary>
    public const int MaxBatchItems = 1000;

    private const uint UsernameAndPassword = 1;

    public static KmipRequest Decode(ReadOnlyMemory<byte> message, TtlvLimits limits)
    {
        try
        {
            return Read(TtlvElement.Parse(message, limits));
        }
        catch (KmipProtocolException e)
        {
            throw new KmipFaultException(ResultReason.InvalidMessage, e.Message);
        }
    }

    /// <summary>The version a request claims, read leniently so even a refused request is answered in its version.</summary>
    public static ProtocolVersion? PeekVersion(ReadOnlyMemory<byte> message, TtlvLimits limits)
    {
        try
        {
            TtlvElement root = TtlvElement.Parse(message, limits);
            TtlvElement? version = root.Find(KmipTag.RequestHeader)?.Find(KmipTag.ProtocolVersion);
            return version is null ? null : ProtocolVersion.Read(version);
        }
        catch (KmipProtocolException)
        {
            return null;
        }
    }

    private static KmipRequest Read(TtlvElement root)
    {
        if (root.Tag != KmipTag.RequestMessage || root.Type != TtlvType.Structure)
        {
            throw new KmipProtocolException("The message is not a RequestMessage.");
        }

        TtlvElement header = root.Required(KmipTag.RequestHeader);
        header.ExpectStructure();
        ProtocolVersion version = ProtocolVersion.Read(header.Required(KmipTag.ProtocolVersion));
        int count = header.Required(KmipTag.BatchCount).GetInt32();
        if (header.Find(KmipTag.AsynchronousIndicator)?.GetBoolean() == true)
        {
            throw new KmipProtocolException("Asynchronous operations are not supported.");
        }

        var continuation = (BatchErrorContinuation?)header.Find(KmipTag.BatchErrorContinuationOption)?.GetEnumeration()
            ?? BatchErrorContinuation.Stop;
        if (!Enum.IsDefined(continuation))
        {
            throw new KmipProtocolException("Unknown Batch Error Continuation Option.");
        }

        bool order = header.Find(KmipTag.BatchOrderOption)?.GetBoolean() ?? true;
        int? maxResponse = header.Find(KmipTag.MaximumResponseSize)?.GetInt32();
        (string? user, string? password) = ReadCredential(header.Find(KmipTag.Authentication));

        var items = new List<KmipRequestItem>();
        foreach (TtlvElement item in root.FindAll(KmipTag.BatchItem))
        {
            item.ExpectStructure();
            TtlvElement? payload = item.Find(KmipTag.RequestPayload);
            payload?.ExpectStructure();
            items.Add(new KmipRequestItem(item.Required(KmipTag.Operation).GetEnumeration(),
                item.Find(KmipTag.UniqueBatchItemId)?.GetBytes(), payload));
        }

        if (items.Count == 0 || items.Count != count)
        {
            throw new KmipProtocolException($"The header announces {count} batch items; {items.Count} are present.");
        }

        if (items.Count > MaxBatchItems)
        {
            throw new KmipProtocolException($"More than {MaxBatchItems} batch items.");
        }

        if (items.Count > 1 && items.Any(i => i.BatchItemId is null))
        {
            throw new KmipProtocolException("Every item of a batch needs a Unique Batch Item ID.");
        }

        return new KmipRequest(version, continuation, order, user, password, maxResponse, items);
    }

    private static (string? User, string? Password) ReadCredential(TtlvElement? authentication)
    {
        TtlvElement? credential = authentication?.Find(KmipTag.Credential);
        if (credential is null || credential.Required(KmipTag.CredentialType).GetEnumeration() != UsernameAndPassword)
        {
            return (null, null);
        }

        TtlvElement value = credential.Required(KmipTag.CredentialValue);
        value.ExpectStructure();
        return (value.Required(KmipTag.Username).GetText(), value.Find(KmipTag.Password)?.GetText());
    }
}
