using Keyhold.Security;
using Keyhold.Storage;

namespace Keyhold.Tests.Support;

/// <summary>
/// Accounts that log in with a client certificate, written straight into a running node's SQLite store (the accounts
/// API lives on another branch until it is merged), and the client_ca they chain to installed through REST.
/// </summary>
public static class CertificateAccounts
{
    public static async Task CreateAsync(string dataDir, string name, string role, params string[] httpMethods)
    {
        using var store = new SqliteStore(Path.Combine(dataDir, "keyhold.db"));
        var accounts = new AccountRepository(store);
        await accounts.SaveAsync(new Account(name, role, null), "unused-password-" + Guid.NewGuid());
        await accounts.SetApplicationsAsync(name, [new AccountApplication(AccountApplication.Http, httpMethods), new AccountApplication(AccountApplication.Ontapi, httpMethods)]);
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
