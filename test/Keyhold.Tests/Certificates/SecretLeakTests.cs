using System.Security.Cryptography;
using Keyhold.Certificates;

namespace Keyhold.Tests.Certificates;

/// <summary>Every refusal that sees a private key must keep it out of the message.</summary>
public class SecretLeakTests
{
    private static readonly RSA Key = RSA.Create(2048);
    private static readonly RSA OtherKey = RSA.Create(2048);

    public static TheoryData<string, string> Cases()
    {
        using var cert = TestPki.RsaRequest("c", Key).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1));
        using var expired = TestPki.RsaRequest("e", Key).CreateSelfSigned(TestPki.Now.AddDays(-9), TestPki.Now.AddDays(-1));
        var pkcs8 = Key.ExportPkcs8PrivateKeyPem();
        var pem = TestPki.Pem(cert);
        return new()
        {
            { "mismatch", OtherKey.ExportPkcs8PrivateKeyPem() },
            { "ca-with-key", pkcs8 },
            { "key-as-certificate", pkcs8 },
            { "truncated-key", pkcs8[..(pkcs8.Length / 2)] + "\n-----END PRIVATE KEY-----\n" },
            { "corrupted-key", pkcs8.Replace("MII", "MIA", StringComparison.Ordinal) },
            { "expired", pkcs8 },
            { "pem=" + pem, string.Empty },
            { "expired=" + TestPki.Pem(expired), string.Empty },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Messages_never_quote_key_material(string scenario, string keyPem)
    {
        using var cert = TestPki.RsaRequest("c", Key).CreateSelfSigned(TestPki.Now.AddDays(-1), TestPki.Now.AddDays(1));
        var pkcs8 = Key.ExportPkcs8PrivateKeyPem();
        Action parse = scenario switch
        {
            "ca-with-key" => () => CertificateParser.Parse(CertificateType.RootCa, TestPki.Pem(cert), keyPem, null, TestPki.Now),
            "key-as-certificate" => () => CertificateParser.Parse(CertificateType.Client, keyPem, keyPem, null, TestPki.Now),
            "expired" => () => CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), keyPem, null, TestPki.Now.AddDays(5)),
            _ when scenario.StartsWith("pem=", StringComparison.Ordinal) => () => ClientIdentity.LoadWithKey(scenario[4..], OtherKey.ExportPkcs8PrivateKeyPem()),
            _ when scenario.StartsWith("expired=", StringComparison.Ordinal) => () => CertificateParser.Parse(CertificateType.Client, scenario[8..], pkcs8, null, TestPki.Now),
            _ => () => CertificateParser.Parse(CertificateType.Client, TestPki.Pem(cert), keyPem, null, TestPki.Now),
        };

        var ex = Assert.Throws<CertificateValidationException>(parse);

        foreach (var secret in new[] { pkcs8, OtherKey.ExportPkcs8PrivateKeyPem(), Key.ExportRSAPrivateKeyPem() })
        {
            var body = TestPki.Base64Body(secret);
            // Any 16-character run of the key's base64 would betray that the message quotes it.
            for (var i = 0; i + 16 <= body.Length; i += 8)
                Assert.DoesNotContain(body.Substring(i, 16), ex.ToString(), StringComparison.Ordinal);
        }
    }
}
