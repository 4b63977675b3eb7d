using Keyhold.Keys;

namespace Keyhold.KeyRestore;

/// <summary>
/// What checking one key found: the copies registered on primaries that lacked it (<paramref name="Added"/>, to be recorded
/// in the row), and why it is not whole when it is not (<paramref name="Failure"/>; null when every primary holds it now).
/// </summary>
public sealed record KeyRepair(DataKey Key, IReadOnlyList<(string Server, string KmipUid)> Added, string? Failure)
{
    /// <summary>The row's metadata with the added copies recorded (a stale location on the same server is replaced).</summary>
    public string Metadata()
    {
        var kept = KeyLocations.Read(Key.Metadata).Where(l => Added.All(a => a.Server != l.Server));
        return KeyLocations.With(Key.Metadata, [.. kept, .. Added]);
    }
}
