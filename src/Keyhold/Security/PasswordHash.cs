using System.Security.Cryptography;
using System.Text;

namespace Keyhold.Security;

/// <summary>Account passwords as salted PBKDF2-HMAC-SHA256: "pbkdf2-sha256$iterations$salt$hash".</summary>
public static class PasswordHash
{
    private const int Iterations = 210_000;

    /// <summary>
    /// A hash of a random password with the same parameters, checked when a name is unknown so that refusing it costs
    /// what refusing a wrong password of a real account costs.
    /// </summary>
    public static readonly string Decoy = Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public static string Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations))
        {
            return false;
        }
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
