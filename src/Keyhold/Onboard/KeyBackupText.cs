using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Keyhold.Ontap;

namespace Keyhold.Onboard;

/// <summary>
/// One key_backup as it stands: the blob's parts in order (header, the pieces' encoded entries, the participants'
/// entries, the checksum), never joined. The armoured text (<see cref="BackupArmour"/>: rulers, base64 in lines of 64,
/// '\n' endings) is produced as it is written, 48 blob bytes to a line, straight into the response: no whole-text
/// string, no buffer the size of the blob, per GET. Immutable, so GETs write it while the next refresh builds another.
/// </summary>
internal sealed class KeyBackupText : StreamedString
{
    private const int BytesPerLine = BackupArmour.LineWidth / 4 * 3;

    /// <summary>Lines per chunk: a chunk of escaped text fits one 4 KB block of the response pipe.</summary>
    private const int LinesPerChunk = 4096 / (BackupArmour.LineWidth + 2);

    private static ReadOnlySpan<byte> EscapedNewline => "\\n"u8;
    private static ReadOnlySpan<byte> Newline => "\n"u8;

    private readonly ReadOnlyMemory<byte>[] parts;

    public KeyBackupText(IReadOnlyList<ReadOnlyMemory<byte>> parts)
    {
        this.parts = [.. parts];
        BlobLength = this.parts.Sum(p => (long)p.Length);
    }

    public long BlobLength { get; }

    public override long EscapedLength => TextLength(EscapedNewline.Length);

    /// <summary>The text's length with newlines of <paramref name="newline"/> bytes.</summary>
    private long TextLength(int newline)
    {
        var base64 = (BlobLength + 2) / 3 * 4;
        var lines = (base64 + BackupArmour.LineWidth - 1) / BackupArmour.LineWidth;
        return BackupArmour.BeginRuler.Length + newline + base64 + (lines * newline) + BackupArmour.EndRuler.Length + newline;
    }

    public override async ValueTask WriteEscapedAsync(IBufferWriter<byte> output, Func<int, CancellationToken, ValueTask> written, CancellationToken ct)
    {
        var lines = new Lines(parts);
        var count = WriteRuler(output, BackupArmour.BeginRuler, EscapedNewline);
        while (true)
        {
            count += lines.Write(output, EscapedNewline);
            await written(count, ct);
            count = 0;
            if (lines.Done)
                break;
        }
        count = WriteRuler(output, BackupArmour.EndRuler, EscapedNewline);
        await written(count, ct);
    }

    public override string ToString()
    {
        var text = new ArrayBufferWriter<byte>(checked((int)TextLength(Newline.Length)));
        var lines = new Lines(parts);
        WriteRuler(text, BackupArmour.BeginRuler, Newline);
        while (!lines.Done)
        {
            lines.Write(text, Newline);
        }
        WriteRuler(text, BackupArmour.EndRuler, Newline);
        return Encoding.ASCII.GetString(text.WrittenSpan);
    }

    private static int WriteRuler(IBufferWriter<byte> output, string ruler, ReadOnlySpan<byte> newline)
    {
        var span = output.GetSpan(ruler.Length + newline.Length);
        var n = Encoding.ASCII.GetBytes(ruler, span);
        newline.CopyTo(span[n..]);
        output.Advance(n + newline.Length);
        return n + newline.Length;
    }

    /// <summary>Walks the parts 48 bytes (one line) at a time; a line that straddles two parts is gathered first.</summary>
    private sealed class Lines(ReadOnlyMemory<byte>[] parts)
    {
        private readonly byte[] straddling = new byte[BytesPerLine];
        private int part;
        private int at;

        public bool Done { get; private set; }

        /// <summary>Up to <see cref="LinesPerChunk"/> lines into <paramref name="output"/>; returns the bytes written.</summary>
        public int Write(IBufferWriter<byte> output, ReadOnlySpan<byte> newline)
        {
            var span = output.GetSpan(LinesPerChunk * (BackupArmour.LineWidth + newline.Length));
            var used = 0;
            for (var i = 0; i < LinesPerChunk && !Done; i++)
            {
                var line = Next();
                if (line.IsEmpty)
                {
                    Done = true;
                    break;
                }
                Base64.EncodeToUtf8(line, span[used..], out _, out var n);
                used += n;
                newline.CopyTo(span[used..]);
                used += newline.Length;
                if (line.Length < BytesPerLine)
                    Done = true; // the last, short line
            }
            output.Advance(used);
            return used;
        }

        /// <summary>The next line's bytes: 48, fewer only at the very end, none when all were read.</summary>
        private ReadOnlySpan<byte> Next()
        {
            while (part < parts.Length && at == parts[part].Length)
            {
                part++;
                at = 0;
            }
            if (part == parts.Length)
                return [];
            var current = parts[part].Span;
            if (current.Length - at >= BytesPerLine)
            {
                var line = current.Slice(at, BytesPerLine);
                at += BytesPerLine;
                return line;
            }
            var filled = 0;
            while (filled < BytesPerLine && part < parts.Length)
            {
                var source = parts[part].Span[at..];
                var take = Math.Min(source.Length, BytesPerLine - filled);
                source[..take].CopyTo(straddling.AsSpan(filled));
                filled += take;
                at += take;
                if (at == parts[part].Length)
                {
                    part++;
                    at = 0;
                }
            }
            return straddling.AsSpan(0, filled);
        }
    }
}
