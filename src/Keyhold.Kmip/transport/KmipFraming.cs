using System.Buffers.Binary;
using Keyhold.Kmip.Codec;

namespace Keyhold.Kmip;

/// <summary>
/// Reads one TTLV message from a stream: an 8-byte header, then exactly the declared length.
/// The length is checked against the cap before anything is allocated for the body.
/// </summary>
internal static class KmipFraming
{
    public const int HeaderSize = 8;

    /// <summary>Total message size declared by a header, or a <see cref="KmipProtocolException"/>.</summary>
    public static int GetMessageSize(ReadOnlySpan<byte> header, int maxMessageSize)
    {
        if ((TtlvType)header[3] != TtlvType.Structure)
        {
            throw new KmipProtocolException($"A KMIP message must be a Structure, got type 0x{header[3]:X2}.");
        }

        uint length = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (length > (uint)(maxMessageSize - HeaderSize))
        {
            throw new KmipProtocolException($"Message declares {length} bytes; the limit is {maxMessageSize}.");
        }

        if (length % 8 != 0)
        {
            throw new KmipProtocolException($"Message length {length} is not a multiple of 8.");
        }

        return HeaderSize + (int)length;
    }

    /// <summary>Reads a whole message. End of stream before the first byte is reported as <see cref="EndOfStreamException"/>.</summary>
    public static async Task<byte[]> ReadMessageAsync(Stream stream, int maxMessageSize, CancellationToken ct)
    {
        byte[] header = new byte[HeaderSize];
        int first = await stream.ReadAsync(header, ct);
        if (first == 0)
        {
            throw new EndOfStreamException("The server closed the connection without answering.");
        }

        await ReadExactAsync(stream, header.AsMemory(first), ct);
        byte[] message = new byte[GetMessageSize(header, maxMessageSize)];
        header.CopyTo(message, 0);
        await ReadExactAsync(stream, message.AsMemory(HeaderSize), ct);
        return message;
    }

    private static async Task ReadExactAsync(Stream stream, Memory<byte> buffer, CancellationToken ct)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, ct);
        }
        catch (EndOfStreamException e)
        {
            throw new KmipProtocolException("The server closed the connection in the middle of a message.", e);
        }
    }
}
