using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;

using Keyhold.Ontap;
using Keyhold.Storage.Query;

namespace Keyhold.Api.Ontap;

/// <summary>
/// A page row's record as ready UTF-8 bytes, kept per (row, <c>fields</c> selection, plain JSON or HAL) and written with
/// one copy: a page read again (clients poll the same first page) no longer rebuilds its records field by field.
/// <para>
/// The key is the row's <see cref="RowVersion"/>: the versions the store gives it and the row its record also shows (a
/// volume's SVM) at every insert and update, by every writer on every node (triggers, see the row-version schema step);
/// a version names its row as well, so the uuid is read only for rows without one. So nothing has to be invalidated: a
/// changed row comes with a new version, misses, and only then are its columns read and its record written afresh; a
/// kept row costs the page two integer column reads. The bytes are what
/// <c>write</c> produces, so they are the record the uncached path writes, byte for byte.
/// </para>
/// Bounded by <see cref="MaxBytes"/>: past it the cache starts over, so memory stays small whatever the store holds. Only
/// selections parsed once and shared (<see cref="FieldSelection.Shared"/>: a single <c>fields</c> value) are kept; others
/// are written directly.
/// </summary>
internal sealed class RowBytes<T>(Action<Utf8JsonWriter, T, FieldSelection, bool> write)
    where T : class
{
    /// <summary>Bytes kept, records and keys, at most: a few hundred 100-record pages.</summary>
    internal const long MaxBytes = 8 << 20;

    // The key and the dictionary entry, beside the record's bytes.
    private const int EntryOverhead = 128;

    private readonly ConcurrentDictionary<Key, byte[]> kept = new();
    private long size;

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? t_scratch;

    /// <summary>Writes <paramref name="row"/>'s projected record as an element of the array <paramref name="writer"/> is in.</summary>
    public void Write(Utf8JsonWriter writer, VersionedRow<T> row, FieldSelection fields, bool plain)
    {
        if (!fields.Shared)
        {
            write(writer, row.Value, fields, plain);
            return;
        }

        var key = new Key(row.Version, fields, plain);
        if (!kept.TryGetValue(key, out var bytes))
        {
            bytes = Render(row.Value, fields, plain);
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
    private readonly record struct Key(RowVersion Row, FieldSelection Fields, bool Plain);
}
