using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keyhold.Certificates;

namespace Keyhold.Tests.Certificates;

public class CertificateParserFieldTests
{
    [Fact]
    public void Rsa_leaf_signed_by_ca_reports_ontap_fields()
    {
        using var caKey = RSA.Create(2048);
        using var ca = TestPki.Ca("Keyhold Test CA", caKey);
        using var key = RSA.Create(2048);
        var notAfter = new DateTimeOffset(2026, 6, 1, 8, 30, 15, TimeSpan.Zero);
        using var leaf = TestPki.Leaf(TestPki.RsaRequest("kmip-client.example.com", key), ca, [0x00, 0x9A, 0x0B, 0xFF], notAfter: notAfter);

        var parsed = CertificateParser.Parse(CertificateType.Client, TestPki.Pem(leaf), key.ExportRSAPrivateKeyPem(), null, TestPki.Now);

        Assert.Equal("kmip-client.example.com", parsed.CommonName);
        Assert.Equal("9A0BFF", parsed.SerialNumber);
        Assert.Equal("Keyhold Test CA", parsed.Ca);
        Assert.Equal(notAfter, parsed.ExpiryTime);
        Assert.Equal(TimeSpan.Zero, parsed.ExpiryTime.Offset);
        Assert.Equal("sha256", parsed.HashFunction);
        Assert.Equal(2048, parsed.KeySize);
        Assert.False(parsed.IsCa);
        Assert.Empty(parsed.IntermediatePems);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())), parsed.PublicKeyFingerprint);
    }

    [Fact]
    public void Ecdsa_p256_leaf_reports_key_size_256_and_ecdsa_hash()
    {
        using var ca = TestPki.Ca();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.Leaf(TestPki.EcRequest("ec-server", key), ca, [0x01, 0x02]);

        var parsed = CertificateParser.Parse(CertificateType.Server, TestPki.Pem(leaf), key.ExportECPrivateKeyPem(), null, TestPki.Now);

        Assert.Equal(256, parsed.KeySize);
        Assert.Equal("sha256", parsed.HashFunction);
        Assert.Equal("0102", parsed.SerialNumber);
    }

    [Theory]
    [InlineData("SHA384", "sha384")]
    [InlineData("SHA512", "sha512")]
    public void Hash_function_comes_from_the_signature_algorithm(string hash, string expected)
    {
        // Installed certificates may use sha1; only creation refuses it.
        using var key = RSA.Create(2048);
        using var cert = TestPki.RsaRequest("h", key, new HashAlgorithmName(hash)).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1));

        var parsed = CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), key.ExportPkcs8PrivateKeyPem(), null, TestPki.Now);

        Assert.Equal(expected, parsed.HashFunction);
    }

    [Fact]
    public void Ca_certificate_is_flagged_and_self_issued_ca_names_itself()
    {
        using var ca = TestPki.Ca("Self Root");

        var parsed = CertificateParser.Parse(CertificateType.ServerCa, TestPki.Pem(ca), null, null, TestPki.Now);

        Assert.True(parsed.IsCa);
        Assert.Equal("Self Root", parsed.Ca);
        Assert.Equal("Self Root", parsed.CommonName);
        Assert.Null(parsed.PrivateKeyPkcs8Pem);
    }

    [Fact]
    public void Issuer_without_cn_falls_back_to_full_name()
    {
        using var key = RSA.Create(2048);
        var req = new CertificateRequest("O=No Common Name, C=US", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = req.CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1));

        var parsed = CertificateParser.Parse(CertificateType.RootCa, TestPki.Pem(cert), null, null, TestPki.Now);

        Assert.Equal("O=No Common Name, C=US", parsed.Ca);
        Assert.Equal("O=No Common Name, C=US", parsed.CommonName);
    }

    [Fact]
    public void Stored_pem_is_normalised_without_surrounding_text()
    {
        using var ca = TestPki.Ca();
        var input = "subject=CN=Test Root CA\nissuer=CN=Test Root CA\n" + TestPki.Pem(ca) + "\ntrailing notes";

        var parsed = CertificateParser.Parse(CertificateType.ServerCa, input, null, null, TestPki.Now);

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", parsed.PublicCertificatePem, StringComparison.Ordinal);
        Assert.EndsWith("-----END CERTIFICATE-----\n", parsed.PublicCertificatePem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_does_not_print_the_private_key()
    {
        using var key = RSA.Create(2048);
        using var cert = TestPki.RsaRequest("c", key).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1));

        var parsed = CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), key.ExportPkcs8PrivateKeyPem(), null, TestPki.Now);

        Assert.DoesNotContain("PRIVATE KEY", parsed.ToString(), StringComparison.Ordinal);
        Assert.Contains("HasPrivateKey = True", parsed.ToString(), StringComparison.Ordinal);
    }
}
