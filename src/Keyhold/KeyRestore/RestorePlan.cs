using Keyhold.Cluster;
using Keyhold.Keys;

namespace Keyhold.KeyRestore;

/// <summary>
/// A checked restore: which keys (all of the key manager's, or those with <paramref name="KeyId"/> / <paramref name="KeyTag"/>),
/// which primaries a key may be read from (<paramref name="Sources"/>: the body's key_server, else every primary), and the
/// node it was asked for.
/// </summary>
public sealed record RestorePlan(KeyManager Km, IReadOnlySet<string> Sources, NodeRecord Node, string? KeyId, string? KeyTag)
{
    public bool Covers(DataKey key) =>
        (KeyId is null || string.Equals(key.KeyId, KeyId, StringComparison.OrdinalIgnoreCase))
        && (KeyTag is null || string.Equals(key.KeyTag, KeyTag, StringComparison.Ordinal));
}
