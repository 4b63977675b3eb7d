using Keyhold.Ontap;

namespace Keyhold.Volumes;

/// <summary>Field rules of a volume; each returns the value to use, or null when the field was not given.</summary>
public static class VolumeRules
{
    public const string Online = "online", Offline = "offline";
    public const string Encrypted = "encrypted", Encrypting = "encrypting", Rekeying = "rekeying", Unencrypted = "unencrypted";

    /// <summary>ONTAP's defaults: 20 MiB is its smallest FlexVol, 300 TiB its largest.</summary>
    public const long DefaultSize = 20L << 30, MinSize = 20L << 20, MaxSize = 300L << 40;

    /// <summary>ONTAP's rule: a letter or underscore first, then letters, digits and underscores, at most 203 characters.</summary>
    public static string Name(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 203 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')
            ? name
            : throw OntapErrors.InvalidFieldValue.With("name", name ?? "", "name");

    public static long? Size(long? size) =>
        size is null or (>= MinSize and <= MaxSize) ? size : throw OntapErrors.InvalidFieldValue.With("size", size.Value, "size");

    public static string? State(string? state) =>
        state is null or Online or Offline ? state : throw OntapErrors.InvalidFieldValue.With("state", state, "state");
}
