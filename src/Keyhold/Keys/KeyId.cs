using System.Security.Cryptography;

namespace Keyhold.Keys;

/// <summary>
/// Key IDs are 64 lowercase hex characters: 32 random bytes. ONTAP's are 64 to 80 hex characters; random ones say
/// nothing about when or where a key was made, and the keys table's primary key refuses the (negligible) collision.
/// </summary>
public static class KeyId
{
    public const int Length = 64;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));
}
