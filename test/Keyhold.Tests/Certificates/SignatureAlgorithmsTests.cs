using Keyhold.Certificates;

namespace Keyhold.Tests.Certificates;

public class SignatureAlgorithmsTests
{
    // .NET will not sign with MD5 or SHA-1, so installed legacy certificates are covered at the OID level.
    [Theory]
    [InlineData("1.2.840.113549.1.1.4", "md5")]
    [InlineData("1.2.840.113549.1.1.5", "sha1")]
    [InlineData("1.2.840.113549.1.1.14", "sha224")]
    [InlineData("1.2.840.113549.1.1.11", "sha256")]
    [InlineData("1.2.840.10045.4.1", "sha1")]
    [InlineData("1.2.840.10045.4.3.2", "sha256")]
    [InlineData("1.2.840.10045.4.3.4", "sha512")]
    public void Known_oids_map_to_ontap_names(string oid, string name) =>
        Assert.Equal(name, SignatureAlgorithms.HashFunction(oid));

    [Theory]
    [InlineData("1.2.840.113549.1.1.10")] // RSASSA-PSS: hash hides in parameters
    [InlineData("1.3.101.112")] // Ed25519
    [InlineData(null)]
    public void Unknown_oids_have_no_name(string? oid) => Assert.Null(SignatureAlgorithms.HashFunction(oid));
}
