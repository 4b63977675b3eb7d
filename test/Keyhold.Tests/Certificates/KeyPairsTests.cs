using System.Security.Cryptography;
using Keyhold.Certificates;

namespace Keyhold.Tests.Certificates;

public class KeyPairsTests
{
    private static ParsedCertificate ParseClient(RSA key, string cn)
    {
        using var cert = TestPki.RsaRequest(cn, key).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(30));
        return CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), key.ExportPkcs8PrivateKeyPem(), null, TestPki.Now);
    }

    [Fact]
    public void Renewed_certificate_with_same_key_is_the_same_pair()
    {
        using var key = RSA.Create(2048);

        Assert.True(KeyPairs.SameKeyPair(ParseClient(key, "old"), ParseClient(key, "renewed")));
    }

    [Fact]
    public void Different_keys_are_different_pairs()
    {
        using var a = RSA.Create(2048);
        using var b = RSA.Create(2048);

        Assert.False(KeyPairs.SameKeyPair(ParseClient(a, "same"), ParseClient(b, "same")));
    }
}
