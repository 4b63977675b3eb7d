using System.Buffers.Binary;
using System.Xml.Linq;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Xml;

namespace Keyhold.Kmip.Fuzz;

/// <summary>
/// A seeded mutator of TTLV frames (shared by the in-suite fuzz tests and bench's long runs, so a failing seed
/// reproduces in both). Seeds are every message of the OASIS test cases; each frame is a seed with one to four
/// mutations (bit flips, hostile lengths, type bytes, truncation, growth, splices, duplicated chunks), or, one time
/// in sixteen, random bytes behind a plausible header.
/// </summary>
public sealed class TtlvMutator
{
    private static readonly uint[] HostileLengths = [0, 1, 4, 7, 8, 9, 0x7FFFFFF8, 0x7FFFFFFF, 0x80000000, 0xFFFFFFF8, 0xFFFFFFFF];
    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _seeds;

    public TtlvMutator(int seed, IReadOnlyList<byte[]> seeds)
    {
        _random = new Random(seed);
        _seeds = seeds;
    }

    public byte[] Next()
    {
        if (_random.Next(16) == 0)
        {
            return RandomFrame();
        }
        byte[] frame = (byte[])_seeds[_random.Next(_seeds.Count)].Clone();
        int mutations = 1 + _random.Next(4);
        for (int i = 0; i < mutations; i++)
        {
            frame = Mutate(frame);
        }
        return frame;
    }

    /// <summary>Every request and response of the test cases as TTLV, placeholders given plausible values.</summary>
    public static IReadOnlyList<byte[]> SeedsFrom(string vectorRoot)
    {
        var seeds = new List<byte[]>();
        foreach (string file in Directory.EnumerateFiles(vectorRoot, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (XElement message in XDocument.Load(file).Root!.Elements())
            {
                seeds.Add(Fill(KmipXmlReader.Read(message, allowPlaceholders: true)).ToTtlv());
            }
        }
        return seeds;
    }

    private static TtlvNode Fill(TtlvNode node) => node.Placeholder is null
        ? node.Children.Count == 0 ? node : node.WithChildren(node.Children.Select(Fill).ToArray())
        : new TtlvNode(node.Tag, node.Type, node.Type switch
        {
            TtlvType.DateTime or TtlvType.DateTimeExtended => DateTimeOffset.UnixEpoch.AddDays(20000),
            TtlvType.ByteString => new byte[16],
            TtlvType.Integer => 1,
            TtlvType.Enumeration or TtlvType.Interval => 1u,
            TtlvType.LongInteger => 1L,
            TtlvType.Boolean => true,
            TtlvType.BigInteger => System.Numerics.BigInteger.One,
            _ => "0f1e2d3c-0000-4000-8000-000000000001",
        });

    private byte[] Mutate(byte[] frame)
    {
        if (frame.Length < 8)
        {
            return RandomFrame();
        }
        switch (_random.Next(9))
        {
            case 0: // flip bits
                for (int i = 1 + _random.Next(8); i > 0; i--)
                {
                    frame[_random.Next(frame.Length)] ^= (byte)(1 << _random.Next(8));
                }
                return frame;
            case 1: // a hostile length on some item header (headers sit on 8-byte boundaries)
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(Header(frame) + 4), HostileLengths[_random.Next(HostileLengths.Length)]);
                return frame;
            case 2: // a length a little off
                {
                    int at = Header(frame) + 4;
                    uint length = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(at));
                    BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(at), (uint)(length + _random.Next(-16, 17)));
                    return frame;
                }
            case 3: // another type byte, valid or not
                frame[Header(frame) + 3] = (byte)_random.Next(0, 14);
                return frame;
            case 4: // truncate
                return frame[.._random.Next(frame.Length)];
            case 5: // grow with random bytes
                {
                    byte[] grown = new byte[frame.Length + 8 * (1 + _random.Next(16))];
                    frame.CopyTo(grown, 0);
                    _random.NextBytes(grown.AsSpan(frame.Length));
                    return grown;
                }
            case 6: // splice: the head of this frame, the tail of another
                {
                    byte[] other = _seeds[_random.Next(_seeds.Count)];
                    int cut = _random.Next(frame.Length) & ~7;
                    int from = _random.Next(other.Length) & ~7;
                    return [.. frame.AsSpan(0, cut), .. other.AsSpan(from)];
                }
            case 7: // duplicate an aligned chunk in place (nested structures, repeated items)
                {
                    int start = _random.Next(frame.Length) & ~7;
                    int length = Math.Min(frame.Length - start, 8 * (1 + _random.Next(8)));
                    return [.. frame.AsSpan(0, start + length), .. frame.AsSpan(start)];
                }
            default: // random byte values at interesting places
                frame[_random.Next(frame.Length)] = (byte)(_random.Next(4) switch { 0 => 0x00, 1 => 0xFF, 2 => 0x80, _ => _random.Next(256) });
                return frame;
        }
    }

    private int Header(byte[] frame) => (_random.Next(frame.Length - 7)) & ~7;

    private byte[] RandomFrame()
    {
        byte[] frame = new byte[8 + 8 * _random.Next(64)];
        _random.NextBytes(frame);
        if (_random.Next(2) == 0)
        {
            frame[0] = 0x42;
            frame[1] = 0x00;
            frame[2] = 0x78;
            frame[3] = (byte)TtlvType.Structure;
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)(frame.Length - 8));
        }
        return frame;
    }
}
