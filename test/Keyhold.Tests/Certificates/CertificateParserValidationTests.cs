using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keyhold.Certificates;

namespace Keyhold.Tests.Certificates;

public class CertificateParserValidationTests
{
    private static CertificateProblem ProblemOf(Action parse) =>
        Assert.Throws<CertificateValidationException>(parse).Problem;

    [Fact]
    public void Expired_leaf_is_refused()
    {
        using var ca = TestPki.Ca();
        using var key = RSA.Create(2048);
        using var leaf = TestPki.Leaf(TestPki.RsaRequest("old", key), ca, [0x05],
            notBefore: TestPki.Now.AddDays(-20), notAfter: TestPki.Now.AddDays(-10));

        var ex = Assert.Throws<CertificateValidationException>(() =>
            CertificateParser.Parse(CertificateType.Client, TestPki.Pem(leaf), key.ExportPkcs8PrivateKeyPem(), null, TestPki.Now));

        Assert.Equal(CertificateProblem.Expired, ex.Problem);
        Assert.Contains("expired at", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Future_leaf_is_not_yet_valid()
    {
        using var ca = TestPki.Ca();
        using var key = RSA.Create(2048);
        using var leaf = TestPki.Leaf(TestPki.RsaRequest("new", key), ca, [0x06],
            notBefore: TestPki.Now.AddDays(2), notAfter: TestPki.Now.AddDays(10));

        Assert.Equal(CertificateProblem.NotYetValid, ProblemOf(() =>
            CertificateParser.Parse(CertificateType.Client, TestPki.Pem(leaf), key.ExportPkcs8PrivateKeyPem(), null, TestPki.Now)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAECAwQF\n-----END CERTIFICATE-----\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----\n")]
    public void Garbage_public_certificate_is_bad_pem(string pem) =>
        Assert.Equal(CertificateProblem.BadPem, ProblemOf(() => CertificateParser.Parse(CertificateType.ServerCa, pem, null, null, TestPki.Now)));

    [Fact]
    public void Two_certificates_in_public_certificate_are_refused()
    {
        using var a = TestPki.Ca("A");
        using var b = TestPki.Ca("B");

        var ex = Assert.Throws<CertificateValidationException>(() =>
            CertificateParser.Parse(CertificateType.ServerCa, TestPki.Pem(a) + TestPki.Pem(b), null, null, TestPki.Now));

        Assert.Equal(CertificateProblem.MultipleCertificates, ex.Problem);
        Assert.Contains("intermediate_certificates", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CertificateType.Client, null)]
    [InlineData(CertificateType.Server, "   ")]
    public void Client_and_server_need_a_private_key(CertificateType type, string? keyPem)
    {
        using var key = RSA.Create(2048);
        using var cert = TestPki.RsaRequest("x", key).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1));

        Assert.Equal(CertificateProblem.PrivateKeyRequired, ProblemOf(() =>
            CertificateParser.Parse(type, TestPki.Pem(cert), keyPem, null, TestPki.Now)));
    }

    [Theory]
    [InlineData(CertificateType.ClientCa)]
    [InlineData(CertificateType.ServerCa)]
    [InlineData(CertificateType.RootCa)]
    public void Ca_types_refuse_a_private_key(CertificateType type)
    {
        using var key = RSA.Create(2048);
        using var ca = TestPki.Ca("CA", key);

        Assert.Equal(CertificateProblem.PrivateKeyNotAllowed, ProblemOf(() =>
            CertificateParser.Parse(type, TestPki.Pem(ca), key.ExportPkcs8PrivateKeyPem(), null, TestPki.Now)));
    }

    [Fact]
    public void Ca_type_refuses_an_explicit_non_ca_certificate()
    {
        using var ca = TestPki.Ca();
        using var key = RSA.Create(2048);
        using var leaf = TestPki.Leaf(TestPki.RsaRequest("leaf", key), ca, [0x07]);

        Assert.Equal(CertificateProblem.NotACa, ProblemOf(() =>
            CertificateParser.Parse(CertificateType.ServerCa, TestPki.Pem(leaf), null, null, TestPki.Now)));
    }

    [Fact]
    public void Ca_type_accepts_a_certificate_without_basic_constraints()
    {
        // Old v1 roots carry no extensions at all; refusing them would break real deployments.
        using var key = RSA.Create(2048);
        using var v1 = TestPki.RsaRequest("Legacy Root", key).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1));

        var parsed = CertificateParser.Parse(CertificateType.ServerCa, TestPki.Pem(v1), null, null, TestPki.Now);

        Assert.False(parsed.IsCa);
    }

    [Fact]
    public void Rsa_pss_signature_is_an_unsupported_algorithm()
    {
        using var key = RSA.Create(2048);
        var req = new CertificateRequest("CN=pss", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        using var cert = req.CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1));

        var ex = Assert.Throws<CertificateValidationException>(() =>
            CertificateParser.Parse(CertificateType.RootCa, TestPki.Pem(cert), null, null, TestPki.Now));

        Assert.Equal(CertificateProblem.UnsupportedAlgorithm, ex.Problem);
        Assert.Contains("1.2.840.113549.1.1.10", ex.Message, StringComparison.Ordinal);
    }
}
