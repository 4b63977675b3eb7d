using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;

using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

/// <summary>
/// A page row's record as ready UTF-8 bytes, kept per (row, <c>fields</c> selection, plain JSON or HAL) and written with
/// one copy: a page read again (clients poll the same first page) no longer rebuilds its records field by field.
/// <para>
/// The key is the whole row as the store just returned it (<typeparamref name="T"/> compares by value: every column the
/// record is made from), so nothing has to be invalidated: a row changed by any node sharing the store is read again with
/// its new values, misses, and is written afresh. The bytes are what <c>write</c> produces, so they are the record the
/// uncached path writes, byte for byte.
/// </para>
/// Bounded by <see cref="MaxBytes"/>: past it the cache starts over, so memory stays small whatever the store holds. Only
/// selections parsed once and shared (<see cref="FieldSelection.Shared"/>: a single <c>fields</c> value) are kept; others
/// are written directly.
/// </summary>
internal sealed class RowBytes<T>(Action<Utf8JsonWriter, T, FieldSelection, bool> write)
    where T : IEquatable<T>
{
    /// <summary>Bytes kept, records and keys, at most: a few hundred 100-record pages.</summary>
    internal const long MaxBytes = 8 << 20;

    // The row object and the dictionary entry, beside the record's bytes.
    private const int EntryOverhead = 256;

    private readonly ConcurrentDictionary<Key, byte[]> kept = new();
    private long size;

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? t_scratch;

    /// <summary>Writes <paramref name="row"/>'s projected record as an element of the array <paramref name="writer"/> is in.</summary>
    public void Write(Utf8JsonWriter writer, T row, FieldSelection fields, bool plain)
    {
        if (!fields.Shared)
        {
            write(writer, row, fields, plain);
            return;
        }

        var key = new Key(row, fields, plain);
        if (!kept.TryGetValue(key, out var bytes))
        {
            bytes = Render(row, fields, plain);
            if (Interlocked.Add(ref size, bytes.Length + EntryOverhead) > MaxBytes)
            {
                kept.Clear();
                Interlocked.Exchange(ref size, bytes.Length + EntryOverhead);
            }

            kept[key] = bytes;
        }

        // Written by write() with the body's own options: valid JSON already, nothing to check again.
        writer.WriteRawValue(bytes, skipInputValidation: true);
    }

    /// <summary>How many records are kept (tests).</summary>
    internal int Count => kept.Count;

    private byte[] Render(T row, FieldSelection fields, bool plain)
    {
        var (buffer, scratch) = t_scratch ??= Scratch();
        buffer.ResetWrittenCount();
        scratch.Reset(buffer);
        write(scratch, row, fields, plain);
        scratch.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        buffer.Clear();
        return bytes;
    }

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) Scratch()
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        return (buffer, new Utf8JsonWriter(buffer, OntapBodyResult.WriterOptions));
    }

    // FieldSelection compares by reference: a shared selection is one object per schema and fields value.
    private readonly record struct Key(T Row, FieldSelection Fields, bool Plain);
}
