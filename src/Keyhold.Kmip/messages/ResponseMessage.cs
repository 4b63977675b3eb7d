using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>A decoded ResponseMessage: header fields plus raw batch items (payloads are decoded per operation).</summary>
internal sealed class ResponseMessage
{
    private ResponseMessage(ProtocolVersion version, DateTimeOffset? timeStamp, IReadOnlyList<ResponseBatchItem> items)
    {
        Version = version;
        TimeStamp = timeStamp;
        Items = items;
    }

    public ProtocolVersion Version { get; }

    public DateTimeOffset? TimeStamp { get; }

    public IReadOnlyList<ResponseBatchItem> Items { get; }

    public static ResponseMessage Decode(ReadOnlyMemory<byte> bytes, TtlvLimits? limits = null)
    {
        TtlvElement root = TtlvElement.Parse(bytes, limits);
        if (root.Tag != KmipTag.ResponseMessage)
        {
            throw new KmipProtocolException($"Expected ResponseMessage, got {root.Tag}.");
        }

        root.ExpectStructure();
        TtlvElement header = root.Required(KmipTag.ResponseHeader);
        header.ExpectStructure();
        ProtocolVersion version = ProtocolVersion.Read(header.Required(KmipTag.ProtocolVersion));
        DateTimeOffset? timeStamp = header.Find(KmipTag.TimeStamp)?.GetDateTime();
        int batchCount = header.Required(KmipTag.BatchCount).GetInt32();

        var items = root.FindAll(KmipTag.BatchItem).Select(ResponseBatchItem.Read).ToList();
        if (items.Count != batchCount)
        {
            throw new KmipProtocolException($"Response header says {batchCount} batch items but {items.Count} are present.");
        }

        return new ResponseMessage(version, timeStamp, items);
    }
}
