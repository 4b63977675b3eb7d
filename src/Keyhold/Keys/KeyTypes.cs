namespace Keyhold.Keys;

/// <summary>Key types in ONTAP's REST spelling (lowercase), the only spelling stored.</summary>
public static class KeyTypes
{
    /// <summary>A volume encryption key: 256 bits, used with XTS-AES-256.</summary>
    public const string Vek = "vek";

    public const int VekLength = 32;

    public const string Algorithm = "XTS-AES-256";
}
