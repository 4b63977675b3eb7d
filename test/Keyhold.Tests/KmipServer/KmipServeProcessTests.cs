using System.Net;
using System.Security.Cryptography.X509Certificates;
using Keyhold.Kmip;
using Keyhold.KmipServer;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.KmipServer;

/// <summary>A real `keyhold serve --kmip` process: an acknowledged Create survives SIGKILL.</summary>
public sealed class KmipServeProcessTests
{
    [Fact]
    public async Task An_acknowledged_create_survives_sigkill()
    {
        string data = TempDir.Create();
        int kmipPort = KeyholdProcess.FreePort();
        using var pki = new TestPki("KMIP process clients");
        string uid;
        byte[] material;
        using (var node = new KeyholdProcess(data, serveArgs: ["--kmip", $"127.0.0.1:{kmipPort}"]))
        {
            using var admin = node.Client();
            (await admin.PostJsonAsync("/api/security/certificates", new { type = "client_ca", public_certificate = pki.CaPem, name = "kmip_clients" }))
                .AssertStatus(HttpStatusCode.Created);
            await OnboardSetup.EnableAsync(admin);
            Assert.True(File.Exists(Path.Combine(data, KmipCertificateAuthority.CertificateFile)), node.Output);

            await using var client = new KmipClient(Options(pki, data, kmipPort));
            uid = await client.CreateSymmetricKeyAsync(256, "survivor");
            material = await client.GetKeyMaterialAsync(uid);
            node.Kill();
        }

        using var restarted = new KeyholdProcess(data, serveArgs: ["--kmip", $"127.0.0.1:{kmipPort}"]);
        await using var again = new KmipClient(Options(pki, data, kmipPort));
        Assert.Equal(material, await again.GetKeyMaterialAsync(uid));
        Assert.Equal([uid], await again.LocateByNameAsync("survivor"));
    }

    private static KmipClientOptions Options(TestPki pki, string data, int port)
    {
        var (cert, key) = pki.Leaf("process-client");
        using var pem = X509Certificate2.CreateFromPem(cert, key);
        return new KmipClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            ClientCertificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null),
            TrustedCaCertificates = [X509CertificateLoader.LoadCertificateFromFile(Path.Combine(data, KmipCertificateAuthority.CertificateFile))],
            Timeout = TimeSpan.FromSeconds(15),
        };
    }
}
