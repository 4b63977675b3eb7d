namespace Keyhold.Ontap;

/// <summary>What a client may do with a field (maps the swagger's readOnly / x-ntap-createOnly / writeOnly markers).</summary>
/// <remarks>A leaf without <see cref="Read"/> is never returned either: forgetting Read errs on the side of not leaking.</remarks>
[Flags]
public enum FieldAccess
{
    /// <summary>Returned by GET and usable in filters and order_by.</summary>
    Read = 1,
    Create = 2,
    Modify = 4,

    /// <summary>Never returned by GET, never filterable (passphrases, passwords).</summary>
    WriteOnly = 8,
}
