using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Certificates;

/// <summary>The X.509 extensions each ONTAP certificate type gets when self-signed.</summary>
internal static class SelfSignedExtensions
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2", "Client Authentication");
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");

    public static void Add(CertificateRequest request, CertificateType type, string commonName)
    {
        var ext = request.CertificateExtensions;
        ext.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        if (type.IsCaType())
        {
            ext.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
            ext.Add(new X509KeyUsageExtension(
                X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
            return;
        }

        ext.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        ext.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        ext.Add(new X509EnhancedKeyUsageExtension([type == CertificateType.Client ? ClientAuth : ServerAuth], critical: false));
        if (type == CertificateType.Server)
            ext.Add(SubjectAltName(commonName));
    }

    // TLS clients ignore the CN and match the host against subjectAltName only.
    private static X509Extension SubjectAltName(string commonName)
    {
        var san = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(commonName, out var ip))
            san.AddIpAddress(ip);
        else
            san.AddDnsName(commonName);
        return san.Build();
    }
}
