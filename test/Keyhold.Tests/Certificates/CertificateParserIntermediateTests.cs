using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keyhold.Certificates;

namespace Keyhold.Tests.Certificates;

public class CertificateParserIntermediateTests
{
    [Fact]
    public void Chain_root_intermediate_leaf_is_parsed()
    {
        using var root = TestPki.Ca("Root");
        using var midKey = RSA.Create(2048);
        using var midPublic = TestPki.Leaf(TestPki.RsaRequest("Intermediate", midKey), root, [0x10], isCa: true);
        using var mid = midPublic.CopyWithPrivateKey(midKey);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var leaf = TestPki.Leaf(TestPki.EcRequest("leaf", key), mid, [0x11]);

        var parsed = CertificateParser.Parse(CertificateType.Client, TestPki.Pem(leaf), key.ExportPkcs8PrivateKeyPem(),
            [TestPki.Pem(mid), TestPki.Pem(root)], TestPki.Now);

        Assert.Equal("Intermediate", parsed.Ca);
        Assert.Equal(2, parsed.IntermediatePems.Count);
        Assert.Equal(TestPki.Pem(mid), parsed.IntermediatePems[0]);
    }

    [Fact]
    public void A_bundle_entry_is_split_into_one_pem_per_certificate()
    {
        using var a = TestPki.Ca("A");
        using var b = TestPki.Ca("B");
        using var ca = TestPki.Ca("Trust");

        var parsed = CertificateParser.Parse(CertificateType.ServerCa, TestPki.Pem(ca), null, [TestPki.Pem(a) + TestPki.Pem(b)], TestPki.Now);

        Assert.Equal(2, parsed.IntermediatePems.Count);
    }

    [Fact]
    public void Garbage_intermediate_is_bad_intermediate()
    {
        using var ca = TestPki.Ca();

        var ex = Assert.Throws<CertificateValidationException>(() =>
            CertificateParser.Parse(CertificateType.ServerCa, TestPki.Pem(ca), null, ["nope"], TestPki.Now));

        Assert.Equal(CertificateProblem.BadIntermediate, ex.Problem);
        Assert.Contains("#1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expired_intermediate_is_bad_intermediate()
    {
        using var root = TestPki.Ca("Root");
        using var key = RSA.Create(2048);
        using var old = TestPki.Leaf(TestPki.RsaRequest("Old Intermediate", key), root, [0x12],
            notBefore: TestPki.Now.AddDays(-20), notAfter: TestPki.Now.AddDays(-1), isCa: true);

        var ex = Assert.Throws<CertificateValidationException>(() =>
            CertificateParser.Parse(CertificateType.ServerCa, TestPki.Pem(root), null, [TestPki.Pem(old)], TestPki.Now));

        Assert.Equal(CertificateProblem.BadIntermediate, ex.Problem);
    }
}
