using System.Buffers.Binary;
using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>Builds a RequestMessage: header (version, optional credential, batch count) and batch items.</summary>
internal static class RequestMessageEncoder
{
    private const uint UsernameAndPassword = 1;

    public static byte[] Encode(ProtocolVersion version, KmipCredential? credential, IReadOnlyList<KmipOperationRequest> items,
        BatchErrorContinuation? continuation = null)
    {
        if (items.Count == 0)
        {
            throw new ArgumentException("A request needs at least one batch item.", nameof(items));
        }

        using var w = new TtlvWriter();
        w.BeginStructure(KmipTag.RequestMessage);
        w.BeginStructure(KmipTag.RequestHeader);
        version.Write(w);
        if (credential is not null)
        {
            WriteCredential(w, credential);
        }

        if (continuation is { } option)
        {
            w.WriteEnumeration(KmipTag.BatchErrorContinuationOption, (uint)option);
        }

        w.WriteInteger(KmipTag.BatchCount, items.Count);
        w.EndStructure();

        // PyKMIP rejects a multi-item batch whose items lack UniqueBatchItemID; a single item needs none.
        bool withIds = items.Count > 1;
        Span<byte> id = stackalloc byte[4];
        for (int i = 0; i < items.Count; i++)
        {
            w.BeginStructure(KmipTag.BatchItem);
            w.WriteEnumeration(KmipTag.Operation, (uint)items[i].Operation);
            if (withIds)
            {
                BinaryPrimitives.WriteInt32BigEndian(id, i + 1);
                w.WriteByteString(KmipTag.UniqueBatchItemId, id);
            }

            w.BeginStructure(KmipTag.RequestPayload);
            items[i].WritePayload(w, version);
            w.EndStructure();
            w.EndStructure();
        }

        w.EndStructure();
        return w.ToArray();
    }

    /// <summary>Maps a UniqueBatchItemID written by <see cref="Encode"/> back to its item index.</summary>
    public static int? IndexOfBatchItemId(ReadOnlySpan<byte> id) =>
        id.Length == 4 ? BinaryPrimitives.ReadInt32BigEndian(id) - 1 : null;

    private static void WriteCredential(TtlvWriter w, KmipCredential credential)
    {
        w.BeginStructure(KmipTag.Authentication);
        w.BeginStructure(KmipTag.Credential);
        w.WriteEnumeration(KmipTag.CredentialType, UsernameAndPassword);
        w.BeginStructure(KmipTag.CredentialValue);
        w.WriteTextString(KmipTag.Username, credential.Username);
        if (credential.Password is not null)
        {
            w.WriteTextString(KmipTag.Password, credential.Password);
        }

        w.EndStructure();
        w.EndStructure();
        w.EndStructure();
    }
}
