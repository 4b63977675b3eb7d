using System.Text.Json.Nodes;

namespace Keyhold.Ontap.Schemas;

/// <summary>
/// One ONTAP volume field Keyhold stores and returns but does not act on (tiering, NAS, space settings):
/// automation reads and writes them, and Keyhold keeps them faithfully rather than pretend to apply them.
/// </summary>
/// <param name="Default">What a volume shows when the field was never given (null: absent, as in ONTAP when unset).</param>
/// <param name="IsValid">ONTAP's rule for a value of the right JSON type.</param>
public sealed record VolumeAttribute(string Path, FieldKind Kind, FieldAccess Access, JsonNode? Default, Func<JsonNode, bool> IsValid)
{
    /// <summary>"" unsets the field (ONTAP: <c>nas.path: ""</c> unmounts the volume).</summary>
    public bool EmptyClears { get; init; }

    /// <summary>The default is computed from other fields (so the store cannot supply it): filters on it run in memory.</summary>
    public bool ComputedDefault { get; init; }

    public FieldDef Field => new(Path, Kind, Access);

    /// <summary>The field as stored in the JSON object in <paramref name="jsonColumn"/>, so the store can filter and order it.</summary>
    public FieldDef FieldIn(string jsonColumn) => ComputedDefault ? Field : Field with
    {
        JsonColumn = jsonColumn,
        JsonDefault = Default switch
        {
            null => null,
            var d when Kind == FieldKind.Boolean => d.GetValue<bool>(),
            var d when Kind == FieldKind.Integer => JsonNumbers.TryGetInt64(d, out var n) ? n : null,
            var d => d.GetValue<string>(),
        },
    };

    public static VolumeAttribute Choice(string path, FieldAccess access, string? fallback, params string[] values) =>
        new(path, FieldKind.String, access, fallback, v => values.Contains(v.GetValue<string>(), StringComparer.Ordinal));

    public static VolumeAttribute Number(string path, FieldAccess access, long? fallback, long min, long max) =>
        new(path, FieldKind.Integer, access, fallback, v => JsonNumbers.TryGetInt64(v, out var n) && n >= min && n <= max);

    public static VolumeAttribute Flag(string path, FieldAccess access, bool fallback) =>
        new(path, FieldKind.Boolean, access, fallback, _ => true);

    /// <summary>Free text of printable characters; <paramref name="minLength"/> 0 lets "" clear it.</summary>
    public static VolumeAttribute Text(string path, FieldAccess access, int minLength, int maxLength) =>
        new(path, FieldKind.String, access, null, v => v.GetValue<string>() is var s && s.Length >= minLength && s.Length <= maxLength && !s.Any(char.IsControl));

    public static VolumeAttribute Custom(string path, FieldKind kind, FieldAccess access, Func<JsonNode, bool> isValid) =>
        new(path, kind, access, null, isValid);
}
