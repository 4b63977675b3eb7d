using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Keyhold.Certificates;

namespace Keyhold.Tests.Certificates;

public class ClientIdentityTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("kmip");

    [Fact]
    public void Rsa_identity_has_a_usable_private_key()
    {
        var (certPem, keyPem) = SelfSignedFactory.Create(CertificateType.Client, "client", 2048, "sha256", TimeSpan.FromDays(30), DateTimeOffset.UtcNow);

        using var cert = ClientIdentity.LoadWithKey(certPem, keyPem);

        Assert.True(cert.HasPrivateKey);
        using var priv = cert.GetRSAPrivateKey()!;
        using var pub = cert.GetRSAPublicKey()!;
        var sig = priv.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(pub.VerifyData(Data, sig, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Ec_identity_has_a_usable_private_key()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var source = TestPki.EcRequest("ec", key).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        using var cert = ClientIdentity.LoadWithKey(TestPki.Pem(source), key.ExportPkcs8PrivateKeyPem());

        using var priv = cert.GetECDsaPrivateKey()!;
        Assert.True(key.VerifyData(Data, priv.SignData(Data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
    }

    [Fact]
    public void Mismatched_key_is_refused()
    {
        var (certPem, _) = SelfSignedFactory.Create(CertificateType.Client, "client", 2048, "sha256", TimeSpan.FromDays(30), DateTimeOffset.UtcNow);
        var (_, otherKey) = SelfSignedFactory.Create(CertificateType.Client, "other", 2048, "sha256", TimeSpan.FromDays(30), DateTimeOffset.UtcNow);

        Assert.Equal(CertificateProblem.KeyMismatch,
            Assert.Throws<CertificateValidationException>(() => ClientIdentity.LoadWithKey(certPem, otherKey)).Problem);
    }

    [Fact]
    public void Bad_intermediate_is_refused() =>
        Assert.Equal(CertificateProblem.BadIntermediate, Assert.Throws<CertificateValidationException>(() =>
            ClientIdentity.LoadWithKey("unused", "unused", ["junk"])).Problem);

    [Fact]
    public void Context_carries_the_intermediates()
    {
        var (certPem, keyPem) = SelfSignedFactory.Create(CertificateType.Client, "client", 2048, "sha256", TimeSpan.FromDays(30), DateTimeOffset.UtcNow);
        using var mid = TestPki.Ca("Some Intermediate");

        var context = ClientIdentity.CreateContext(certPem, keyPem, [TestPki.Pem(mid)]);

        Assert.True(context.TargetCertificate.HasPrivateKey);
        Assert.Equal("CN=client", context.TargetCertificate.Subject);
    }

    [Fact]
    public void LoadCas_reads_every_certificate_including_bundles()
    {
        using var a = TestPki.Ca("A");
        using var b = TestPki.Ca("B");
        using var c = TestPki.Ca("C");

        var cas = ClientIdentity.LoadCas([TestPki.Pem(a) + TestPki.Pem(b), TestPki.Pem(c)]);

        Assert.Equal(["A", "B", "C"], cas.Select(x => x.GetNameInfo(X509NameType.SimpleName, false)));
    }

    [Fact]
    public void LoadCas_refuses_garbage() =>
        Assert.Equal(CertificateProblem.BadPem,
            Assert.Throws<CertificateValidationException>(() => ClientIdentity.LoadCas(["garbage"])).Problem);
}
