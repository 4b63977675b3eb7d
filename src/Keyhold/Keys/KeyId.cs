using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Keyhold.Keys;

/// <summary>
/// Key IDs are 64 lowercase hex characters (ONTAP's are 64 to 80): one random byte, the creation time in milliseconds
/// since 1970 (48 bits, big-endian), then 25 random bytes: 208 random bits, so an ID is no easier to guess than
/// before. The keys table's primary key refuses the (negligible) collision. This is the only maker of key IDs.
/// </summary>
/// <remarks>
/// The trade: a key ID now tells when its key was made, to the millisecond, as a UUIDv7 does (never where, nor
/// anything of the key). In return creates stay cheap as keys grow: three indexes are keyed by key ID (the keys
/// table's, keys_manager, volumes.key_id), and with wholly random IDs every new key landed on a random leaf page of
/// each, which at a million keys no page cache of a bounded size holds. With the time after the first byte, the new
/// keys of one first byte follow each other, so a create touches one of 256 insertion points per index, the ones the
/// creates before it touched (docs/scaling.md). The first byte stays random because key_backup is kept in pieces cut
/// by the first two characters (<see cref="KeyStamps.PrefixLength"/>): a time first would put every new key into one
/// piece, re-encoded whole on every change. IDs made before (32 random bytes) stay valid; both forms sort and
/// compare alike.
/// </remarks>
public static class KeyId
{
    public const int Length = 64;

    private const int Bytes = Length / 2;
    private const int TimeBytes = 6;

    public static string New() => New(DateTimeOffset.UtcNow);

    public static string New(DateTimeOffset now)
    {
        Span<byte> id = stackalloc byte[Bytes];
        RandomNumberGenerator.Fill(id);
        // Bytes 1..6: the 48 low bits of the Unix time in ms (past the year 10,000), big-endian so text order is time order.
        Span<byte> time = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(time, now.ToUnixTimeMilliseconds());
        time[(sizeof(long) - TimeBytes)..].CopyTo(id[1..]);
        return Convert.ToHexStringLower(id);
    }
}
