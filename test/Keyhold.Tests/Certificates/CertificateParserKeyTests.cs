using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keyhold.Certificates;

namespace Keyhold.Tests.Certificates;

public class CertificateParserKeyTests
{
    private static (X509Certificate2 Cert, RSA Key) RsaClient()
    {
        var key = RSA.Create(2048);
        return (TestPki.RsaRequest("client", key).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(30)), key);
    }

    public static TheoryData<string> RsaKeyFormats => new() { "pkcs1", "pkcs8" };

    [Theory]
    [MemberData(nameof(RsaKeyFormats))]
    public void Rsa_keys_are_accepted_and_normalised_to_pkcs8(string format)
    {
        var (cert, key) = RsaClient();
        var pem = format == "pkcs1" ? key.ExportRSAPrivateKeyPem() : key.ExportPkcs8PrivateKeyPem();

        var parsed = CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), pem, null, TestPki.Now);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", parsed.PrivateKeyPkcs8Pem, StringComparison.Ordinal);
        using var reloaded = RSA.Create();
        reloaded.ImportFromPem(parsed.PrivateKeyPkcs8Pem);
        Assert.Equal(key.ExportParameters(false).Modulus, reloaded.ExportParameters(false).Modulus);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Ec_keys_are_accepted_as_sec1_or_pkcs8(bool pkcs8)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var cert = TestPki.EcRequest("ec", key).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(30));
        var pem = pkcs8 ? key.ExportPkcs8PrivateKeyPem() : "-----BEGIN EC PARAMETERS-----\nBgUrgQQAIg==\n-----END EC PARAMETERS-----\n" + key.ExportECPrivateKeyPem();

        var parsed = CertificateParser.Parse(CertificateType.Server, TestPki.Pem(cert), pem, null, TestPki.Now);

        Assert.Equal(384, parsed.KeySize);
        Assert.Equal("sha256", parsed.HashFunction); // ecdsa-with-SHA256
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", parsed.PrivateKeyPkcs8Pem, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_of_another_rsa_pair_is_a_mismatch()
    {
        var (cert, _) = RsaClient();
        using var other = RSA.Create(2048);

        var ex = Assert.Throws<CertificateValidationException>(() =>
            CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), other.ExportPkcs8PrivateKeyPem(), null, TestPki.Now));

        Assert.Equal(CertificateProblem.KeyMismatch, ex.Problem);
    }

    [Fact]
    public void Ec_key_for_rsa_certificate_is_a_mismatch()
    {
        var (cert, _) = RsaClient();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var ex = Assert.Throws<CertificateValidationException>(() =>
            CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), ec.ExportPkcs8PrivateKeyPem(), null, TestPki.Now));

        Assert.Equal(CertificateProblem.KeyMismatch, ex.Problem);
    }

    [Fact]
    public void Encrypted_pkcs8_key_is_refused_with_a_clear_message()
    {
        var (cert, key) = RsaClient();
        var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        var ex = Assert.Throws<CertificateValidationException>(() =>
            CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), encrypted, null, TestPki.Now));

        Assert.Equal(CertificateProblem.BadPrivateKey, ex.Problem);
        Assert.Contains("encrypted private keys are not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_openssl_encrypted_key_is_refused_as_encrypted()
    {
        var (cert, _) = RsaClient();
        const string legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";

        var ex = Assert.Throws<CertificateValidationException>(() =>
            CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), legacy, null, TestPki.Now));

        Assert.Equal(CertificateProblem.BadPrivateKey, ex.Problem);
        Assert.Contains("encrypted", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAECAwQF\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAECAwQF\n-----END RSA PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nAAECAwQF\n-----END OPENSSH PRIVATE KEY-----\n")]
    public void Unreadable_key_is_bad_private_key(string keyPem)
    {
        var (cert, _) = RsaClient();

        var ex = Assert.Throws<CertificateValidationException>(() =>
            CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), keyPem, null, TestPki.Now));

        Assert.Equal(CertificateProblem.BadPrivateKey, ex.Problem);
    }

    [Fact]
    public void Two_keys_are_refused()
    {
        var (cert, key) = RsaClient();
        var pem = key.ExportPkcs8PrivateKeyPem() + "\n" + key.ExportRSAPrivateKeyPem();

        var ex = Assert.Throws<CertificateValidationException>(() =>
            CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), pem, null, TestPki.Now));

        Assert.Equal(CertificateProblem.BadPrivateKey, ex.Problem);
    }
}
