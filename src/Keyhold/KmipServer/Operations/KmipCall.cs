using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;

namespace Keyhold.KmipServer.Operations;

/// <summary>
/// One batch item being served: who asks, in which version, its payload, and the request's ID placeholder (the
/// identifier an earlier item of the same request produced, used when an item names none), and the connection's
/// session, which takes the writes an answer need not wait for.
/// </summary>
public sealed class KmipCall(string identity, ProtocolVersion version, TtlvElement? payload, KmipBatchState batch, KmipSession session)
{
    public string Identity { get; } = identity;

    public ProtocolVersion Version { get; } = version;

    public TtlvElement Payload { get; } = payload
        ?? throw new KmipFaultException(ResultReason.InvalidMessage, "The batch item has no request payload.");

    public KmipBatchState Batch { get; } = batch;

    public KmipSession Session { get; } = session;

    /// <summary>The object this item is about, for the audit log (set as soon as it is known).</summary>
    public string? ObjectId { get; set; }

    public bool Is2x => Version.Major >= 2;

    /// <summary>The Unique Identifier the item names, else the ID placeholder, else Invalid Field... as KMIP prescribes.</summary>
    public string Uid()
    {
        string? uid = Payload.Find(KmipTag.UniqueIdentifier)?.GetText() ?? Batch.Placeholder;
        ObjectId = uid ?? throw new KmipFaultException(ResultReason.InvalidField, "No Unique Identifier and no ID placeholder.");
        return uid;
    }
}

/// <summary>What items of one request share: the ID placeholder.</summary>
public sealed class KmipBatchState
{
    public string? Placeholder { get; set; }
}
