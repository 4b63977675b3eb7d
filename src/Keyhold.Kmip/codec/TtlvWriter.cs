using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Kmip.Codec;

/// <summary>
/// Writes TTLV into a growing buffer. Structure lengths are back-patched on <see cref="EndStructure"/>,
/// which is why this owns its buffer instead of writing to an <c>IBufferWriter</c>.
/// </summary>
public sealed class TtlvWriter : IDisposable
{
    private const int HeaderSize = 8;
    private readonly Stack<int> _openStructures = new();
    private byte[] _buffer;
    private int _length;

    public TtlvWriter(int initialCapacity = 512)
    {
        _buffer = new byte[Math.Max(initialCapacity, 64)];
    }

    /// <summary>Bytes written so far; only complete once every structure is closed.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public int Depth => _openStructures.Count;

    public void BeginStructure(KmipTag tag)
    {
        WriteHeader(tag, TtlvType.Structure, 0);
        _openStructures.Push(_length);
    }

    public void EndStructure()
    {
        if (_openStructures.Count == 0)
        {
            throw new InvalidOperationException("No open structure.");
        }

        int start = _openStructures.Pop();
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(start - 4), _length - start);
    }

    public void WriteInteger(KmipTag tag, int value)
    {
        Span<byte> v = WriteItem(tag, TtlvType.Integer, 4);
        BinaryPrimitives.WriteInt32BigEndian(v, value);
    }

    public void WriteLongInteger(KmipTag tag, long value)
    {
        Span<byte> v = WriteItem(tag, TtlvType.LongInteger, 8);
        BinaryPrimitives.WriteInt64BigEndian(v, value);
    }

    /// <summary>Writes a big-endian two's-complement value, sign-extended to a multiple of 8 bytes.</summary>
    public void WriteBigInteger(KmipTag tag, System.Numerics.BigInteger value)
    {
        int size = value.GetByteCount(isUnsigned: false);
        int padded = Math.Max(8, Pad(size));
        Span<byte> v = WriteItem(tag, TtlvType.BigInteger, padded);
        v.Fill(value.Sign < 0 ? (byte)0xFF : (byte)0);
        value.TryWriteBytes(v[(padded - size)..], out _, isUnsigned: false, isBigEndian: true);
    }

    public void WriteEnumeration(KmipTag tag, uint value)
    {
        Span<byte> v = WriteItem(tag, TtlvType.Enumeration, 4);
        BinaryPrimitives.WriteUInt32BigEndian(v, value);
    }

    public void WriteBoolean(KmipTag tag, bool value)
    {
        Span<byte> v = WriteItem(tag, TtlvType.Boolean, 8);
        BinaryPrimitives.WriteUInt64BigEndian(v, value ? 1UL : 0UL);
    }

    public void WriteTextString(KmipTag tag, string value)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        Span<byte> v = WriteItem(tag, TtlvType.TextString, count);
        Encoding.UTF8.GetBytes(value, v);
    }

    public void WriteByteString(KmipTag tag, ReadOnlySpan<byte> value)
    {
        value.CopyTo(WriteItem(tag, TtlvType.ByteString, value.Length));
    }

    /// <summary>Date-Time: POSIX seconds (sub-second precision is dropped, as the format requires).</summary>
    public void WriteDateTime(KmipTag tag, DateTimeOffset value)
    {
        Span<byte> v = WriteItem(tag, TtlvType.DateTime, 8);
        BinaryPrimitives.WriteInt64BigEndian(v, value.ToUnixTimeSeconds());
    }

    public void WriteInterval(KmipTag tag, uint seconds)
    {
        Span<byte> v = WriteItem(tag, TtlvType.Interval, 4);
        BinaryPrimitives.WriteUInt32BigEndian(v, seconds);
    }

    /// <summary>Date-Time Extended (KMIP 2.0): POSIX microseconds.</summary>
    public void WriteDateTimeExtended(KmipTag tag, DateTimeOffset value)
    {
        Span<byte> v = WriteItem(tag, TtlvType.DateTimeExtended, 8);
        long micros = (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (TimeSpan.TicksPerMillisecond / 1000);
        BinaryPrimitives.WriteInt64BigEndian(v, micros);
    }

    /// <summary>
    /// Writes an item whose value bytes are already encoded (a primitive's unpadded value, or a structure's
    /// encoded children): how the server re-emits a stored attribute value under another tag.
    /// </summary>
    public void WriteRaw(KmipTag tag, TtlvType type, ReadOnlySpan<byte> value)
    {
        if (type == TtlvType.Structure)
        {
            BeginStructure(tag);
            EnsureCapacity(value.Length);
            value.CopyTo(_buffer.AsSpan(_length));
            _length += value.Length;
            EndStructure();
            return;
        }

        value.CopyTo(WriteItem(tag, type, value.Length));
    }

    /// <summary>Copies out the finished message; throws if a structure is still open.</summary>
    public byte[] ToArray()
    {
        if (_openStructures.Count != 0)
        {
            throw new InvalidOperationException("A structure is still open.");
        }

        return WrittenSpan.ToArray();
    }

    /// <summary>Wipes the buffer: requests may carry key material or passwords.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_buffer);
        _length = 0;
        _openStructures.Clear();
    }

    internal static int Pad(int length) => (length + 7) & ~7;

    private Span<byte> WriteItem(KmipTag tag, TtlvType type, int valueLength)
    {
        WriteHeader(tag, type, valueLength);
        int padded = Pad(valueLength);
        EnsureCapacity(padded);
        Span<byte> slot = _buffer.AsSpan(_length, padded);
        slot.Clear();
        _length += padded;
        return slot[..valueLength];
    }

    private void WriteHeader(KmipTag tag, TtlvType type, int valueLength)
    {
        EnsureCapacity(HeaderSize);
        Span<byte> h = _buffer.AsSpan(_length, HeaderSize);
        int t = (int)tag;
        h[0] = (byte)(t >> 16);
        h[1] = (byte)(t >> 8);
        h[2] = (byte)t;
        h[3] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(h[4..], valueLength);
        _length += HeaderSize;
    }

    private void EnsureCapacity(int extra)
    {
        if (_length + extra <= _buffer.Length)
        {
            return;
        }

        byte[] grown = new byte[Math.Max(_buffer.Length * 2, _length + extra)];
        _buffer.AsSpan(0, _length).CopyTo(grown);
        CryptographicOperations.ZeroMemory(_buffer);
        _buffer = grown;
    }
}
