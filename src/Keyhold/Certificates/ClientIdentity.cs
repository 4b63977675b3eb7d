using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keyhold.Certificates;

/// <summary>Turns stored PEMs into objects SslStream can use, for connecting to KMIP servers.</summary>
public static class ClientIdentity
{
    /// <summary>
    /// The leaf certificate with its private key, re-imported through PKCS#12 because on Linux an ephemeral
    /// PEM-imported key is not always usable by SslStream. An X509Certificate2 cannot carry a chain, so
    /// <paramref name="intermediatePems"/> are only validated here; use <see cref="CreateContext"/> to send them.
    /// </summary>
    /// <exception cref="CertificateValidationException">Unreadable certificate, key or intermediate, or a key that does not match.</exception>
    public static X509Certificate2 LoadWithKey(string certPem, string keyPkcs8Pem, IEnumerable<string>? intermediatePems = null)
    {
        foreach (var intermediate in LoadCas(intermediatePems ?? [], CertificateProblem.BadIntermediate, "intermediate certificate"))
            intermediate.Dispose();
        using var leaf = X509Pem.LoadSingle(certPem, "client certificate");
        using var key = PrivateKeyReader.Read(keyPkcs8Pem);
        KeyMatcher.EnsureMatches(leaf, key);
        using var withKey = key switch
        {
            RSA rsa => leaf.CopyWithPrivateKey(rsa),
            ECDsa ec => leaf.CopyWithPrivateKey(ec),
            _ => throw new CertificateValidationException(CertificateProblem.BadPrivateKey, "Only RSA and EC private keys are supported."),
        };
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// A client certificate context that also sends <paramref name="intermediatePems"/> in the TLS handshake;
    /// set it as <c>SslClientAuthenticationOptions.ClientCertificateContext</c>.
    /// </summary>
    public static SslStreamCertificateContext CreateContext(string certPem, string keyPkcs8Pem, IEnumerable<string>? intermediatePems = null)
    {
        var leaf = LoadWithKey(certPem, keyPkcs8Pem);
        var chain = LoadCas(intermediatePems ?? [], CertificateProblem.BadIntermediate, "intermediate certificate");
        return SslStreamCertificateContext.Create(leaf, chain, offline: true);
    }

    /// <summary>Every certificate in <paramref name="pems"/> (each entry may be a bundle), e.g. server_ca trust anchors.</summary>
    /// <exception cref="CertificateValidationException"><see cref="CertificateProblem.BadPem"/> for an entry with no valid certificate.</exception>
    public static X509Certificate2Collection LoadCas(IEnumerable<string> pems) =>
        LoadCas(pems, CertificateProblem.BadPem, "CA certificate");

    private static X509Certificate2Collection LoadCas(IEnumerable<string> pems, CertificateProblem problem, string what)
    {
        var collection = new X509Certificate2Collection();
        foreach (var pem in pems)
            collection.AddRange(X509Pem.LoadAll(pem, problem, what).ToArray());
        return collection;
    }
}
