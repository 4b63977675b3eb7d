namespace Keyhold.Tests.Support;

/// <summary>
/// Accounts that log in with a client certificate, created through <c>POST /api/security/accounts</c> as an operator
/// would, and the client_ca they chain to installed through REST.
/// </summary>
public static class CertificateAccounts
{
    /// <summary>Creates <paramref name="name"/> for http and ontapi with <paramref name="methods"/>; a password is set only when "password" is one of them.</summary>
    public static async Task CreateAsync(HttpClient admin, string name, string role, params string[] methods)
    {
        var applications = new[] { "http", "ontapi" }.Select(application => new { application, authentication_methods = methods }).ToArray();
        object body = methods.Contains("password")
            ? new { name, role = new { name = role }, applications, password = "unused-Password-" + Guid.NewGuid().ToString("N")[..12] }
            : new { name, role = new { name = role }, applications };
        (await admin.PostJsonAsync("/api/security/accounts", body)).AssertStatus(System.Net.HttpStatusCode.Created);
        var stored = await admin.GetJsonAsync($"/api/security/accounts?name={name}&fields=applications");
        Assert.Equal(methods, Assert.Single(stored.Body!["records"]!.AsArray())!["applications"]![0]!["authentication_methods"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    public static async Task InstallClientCaAsync(HttpClient admin, TestPki pki) =>
        (await admin.PostJsonAsync("/api/security/certificates", new { type = "client_ca", public_certificate = pki.CaPem, name = "clients" }))
            .AssertStatus(System.Net.HttpStatusCode.Created);

    /// <summary>A client certificate (with its key) for <paramref name="commonName"/>, signed by <paramref name="pki"/>.</summary>
    public static System.Security.Cryptography.X509Certificates.X509Certificate2 Leaf(TestPki pki, string commonName)
    {
        var (cert, key) = pki.Leaf(commonName);
        using var pem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(cert, key);
        // SslStream on Linux needs a key it can use after the PEM objects go: round-trip through PKCS#12.
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(
            pem.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12), null);
    }
}
