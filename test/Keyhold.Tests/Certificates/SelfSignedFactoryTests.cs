using System.Security.Cryptography.X509Certificates;
using Keyhold.Certificates;

namespace Keyhold.Tests.Certificates;

public class SelfSignedFactoryTests
{
    [Theory]
    [InlineData(CertificateType.Client, "1.3.6.1.5.5.7.3.2")]
    [InlineData(CertificateType.Server, "1.3.6.1.5.5.7.3.1")]
    [InlineData(CertificateType.ClientCa, null)]
    [InlineData(CertificateType.ServerCa, null)]
    [InlineData(CertificateType.RootCa, null)]
    public void Created_certificate_parses_back_with_requested_fields(CertificateType type, string? eku)
    {
        var (certPem, keyPem) = SelfSignedFactory.Create(type, "node1.example.com", 2048, "sha256", IsoDuration.Parse("P365DT"), TestPki.Now);

        var parsed = CertificateParser.Parse(type, certPem, type.IsCaType() ? null : keyPem, null, TestPki.Now);

        Assert.Equal("node1.example.com", parsed.CommonName);
        Assert.Equal("node1.example.com", parsed.Ca);
        Assert.Equal(2048, parsed.KeySize);
        Assert.Equal("sha256", parsed.HashFunction);
        Assert.Equal(TestPki.Now.AddDays(365), parsed.ExpiryTime);
        Assert.Equal(type.IsCaType(), parsed.IsCa);
        Assert.Equal(32, parsed.SerialNumber.Length);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", keyPem, StringComparison.Ordinal);

        using var cert = X509Certificate2.CreateFromPem(certPem);
        var usages = cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().SingleOrDefault()?.EnhancedKeyUsages;
        Assert.Equal(eku, usages?.Cast<System.Security.Cryptography.Oid>().Single().Value);
        var keyUsage = cert.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages;
        Assert.Equal(type.IsCaType(), keyUsage.HasFlag(X509KeyUsageFlags.KeyCertSign));
    }

    [Theory]
    [InlineData(1024, "sha384")]
    [InlineData(3072, "sha512")]
    public void Key_size_and_hash_are_honoured(int keySize, string hash)
    {
        var (certPem, _) = SelfSignedFactory.Create(CertificateType.RootCa, "root", keySize, hash, TimeSpan.FromDays(1), TestPki.Now);

        var parsed = CertificateParser.Parse(CertificateType.RootCa, certPem, null, null, TestPki.Now);

        Assert.Equal(keySize, parsed.KeySize);
        Assert.Equal(hash, parsed.HashFunction);
    }

    [Fact]
    public void Server_certificate_names_its_host_in_subject_alt_name()
    {
        var (certPem, _) = SelfSignedFactory.Create(CertificateType.Server, "10.0.0.5", 2048, "sha256", TimeSpan.FromDays(30), TestPki.Now);

        using var cert = X509Certificate2.CreateFromPem(certPem);

        Assert.True(cert.MatchesHostname("10.0.0.5"));
    }

    [Theory]
    [InlineData(512, "sha256")]
    [InlineData(4096, "sha256")]
    [InlineData(2048, "sha1")]
    [InlineData(2048, "md5")]
    [InlineData(2048, "sha224")]
    [InlineData(2048, "SHA-256")]
    public void Refused_parameters_are_bad_parameter(int keySize, string hash)
    {
        var ex = Assert.Throws<CertificateValidationException>(() =>
            SelfSignedFactory.Create(CertificateType.Client, "c", keySize, hash, TimeSpan.FromDays(365), TestPki.Now));

        Assert.Equal(CertificateProblem.BadParameter, ex.Problem);
    }

    [Theory]
    [InlineData("PT1H")]
    [InlineData("P3651D")]
    public void Validity_outside_one_day_to_ten_years_is_refused(string duration) =>
        Assert.Equal(CertificateProblem.BadParameter, Assert.Throws<CertificateValidationException>(() =>
            SelfSignedFactory.Create(CertificateType.RootCa, "r", 2048, "sha256", IsoDuration.Parse(duration), TestPki.Now)).Problem);

    [Fact]
    public void Empty_common_name_is_refused() =>
        Assert.Equal(CertificateProblem.BadParameter, Assert.Throws<CertificateValidationException>(() =>
            SelfSignedFactory.Create(CertificateType.RootCa, " ", 2048, "sha256", TimeSpan.FromDays(1), TestPki.Now)).Problem);

    [Fact]
    public void Sub_second_clock_still_yields_a_currently_valid_certificate()
    {
        var now = TestPki.Now.AddMilliseconds(750);
        var (certPem, keyPem) = SelfSignedFactory.Create(CertificateType.Client, "c", 2048, "sha256", TimeSpan.FromDays(1), now);

        var parsed = CertificateParser.Parse(CertificateType.Client, certPem, keyPem, null, now);

        Assert.Equal(TestPki.Now.AddDays(1), parsed.ExpiryTime);
    }
}
