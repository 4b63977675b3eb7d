namespace Keyhold.Api.Ontap;

/// <summary>What a client may do with a field (maps the swagger's readOnly / x-ntap-createOnly / writeOnly markers).</summary>
[Flags]
public enum FieldAccess
{
    Read = 1,
    Create = 2,
    Modify = 4,

    /// <summary>Never returned by GET, never filterable (passphrases, passwords).</summary>
    WriteOnly = 8,
}
