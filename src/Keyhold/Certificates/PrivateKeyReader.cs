using System.Security.Cryptography;

namespace Keyhold.Certificates;

/// <summary>
/// Reads an unencrypted RSA or EC private key from PKCS#1, PKCS#8 or SEC1 PEM. Error messages describe the shape
/// of the input only; key text, and crypto-library messages that might quote it, never reach them.
/// </summary>
internal static class PrivateKeyReader
{
    public static AsymmetricAlgorithm Read(string privateKeyPem)
    {
        // Legacy OpenSSL encryption adds RFC 1421 headers, which PemEncoding does not recognise as PEM at all.
        if (privateKeyPem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
            throw Encrypted();

        // "EC PARAMETERS" precedes the key in `openssl ecparam -genkey` output; it is redundant and skipped.
        var keys = PemBlock.FindAll(privateKeyPem).Where(b => b.Label != "EC PARAMETERS").ToList();
        if (keys.Count == 0)
            throw Bad("The private key is not PEM: expected a '-----BEGIN PRIVATE KEY-----', '-----BEGIN RSA PRIVATE KEY-----' or '-----BEGIN EC PRIVATE KEY-----' block.");
        if (keys.Count > 1)
            throw Bad($"The private key field holds {keys.Count} PEM blocks; provide exactly one private key.");

        var block = keys[0];
        return block.Label switch
        {
            "ENCRYPTED PRIVATE KEY" => throw Encrypted(),
            "RSA PRIVATE KEY" => Import(RSA.Create, k => k.ImportRSAPrivateKey(block.Der, out _), "PKCS#1 RSA"),
            "EC PRIVATE KEY" => Import(ECDsa.Create, k => k.ImportECPrivateKey(block.Der, out _), "SEC1 EC"),
            "PRIVATE KEY" => ImportPkcs8(block.Der),
            _ => throw Bad($"The private key has PEM label '{block.Label}'; expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY."),
        };
    }

    private static AsymmetricAlgorithm ImportPkcs8(byte[] der)
    {
        // PKCS#8 names its algorithm inside; trying RSA then EC avoids a dependency on System.Security.Cryptography.Pkcs.
        if (TryImport(RSA.Create, k => k.ImportPkcs8PrivateKey(der, out _), out var rsa))
            return rsa;
        if (TryImport(ECDsa.Create, k => k.ImportPkcs8PrivateKey(der, out _), out var ec))
            return ec;
        throw Bad("The PKCS#8 private key could not be read; only unencrypted RSA and EC keys are supported.");
    }

    private static T Import<T>(Func<T> create, Action<T> import, string kind)
        where T : AsymmetricAlgorithm =>
        TryImport(create, import, out var key) ? key : throw Bad($"The {kind} private key is corrupt and could not be read.");

    private static bool TryImport<T>(Func<T> create, Action<T> import, out T key)
        where T : AsymmetricAlgorithm
    {
        key = create();
        try
        {
            import(key);
            return true;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return false;
        }
    }

    private static CertificateValidationException Encrypted() => Bad(
        "The private key is encrypted; encrypted private keys are not supported. Provide the key unencrypted (for example `openssl pkey -in key.pem`).");

    private static CertificateValidationException Bad(string message) =>
        new(CertificateProblem.BadPrivateKey, message);
}
