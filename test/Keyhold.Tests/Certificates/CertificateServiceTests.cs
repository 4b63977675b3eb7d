using System.Security.Cryptography;
using System.Text;
using Keyhold.Certificates;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Ontap;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Certificates;

/// <summary>The certificate rules, called on <see cref="CertificateService"/> directly (no HTTP), with a clock the test moves.</summary>
public sealed class CertificateServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private ServiceStore store = null!;
    private CertificateService service = null!;

    public async Task InitializeAsync()
    {
        store = await ServiceStore.CreateAsync(TestPki.Now);
        service = new CertificateService(store.Store, store.Secret, store.Clock);
    }

    public Task DisposeAsync()
    {
        store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_client_certificate_is_stored_with_its_private_key_wrapped_only()
    {
        var (certPem, keyPem) = ClientPair("client-1", [1, 2, 3]);

        var cert = await service.CreateAsync(new InstallCertificate(CertificateType.Client) { PublicCertificate = certPem, PrivateKey = keyPem }, None);

        Assert.Equal((CertificateType.Client, "client-1", "010203", "cluster"), (cert.Type, cert.CommonName, cert.SerialNumber, cert.Scope));
        Assert.Equal("client-1_010203", cert.Name);
        var row = Assert.Single(store.Rows("SELECT uuid, type, wrapped_private_key, created FROM certificates"));
        Assert.Equal((cert.Uuid.ToString(), "client"), ((string)row[0]!, (string)row[1]!));
        Assert.Equal(-1, StoreProbe.AllBytes(store.DataDir).AsSpan().IndexOf(Encoding.ASCII.GetBytes(TestPki.Base64Body(keyPem)[..40])));
        Assert.Equal(TestPki.Now, DateTimeOffset.Parse((string)row[3]!, System.Globalization.CultureInfo.InvariantCulture));
        using var identity = service.LoadClientIdentity(cert);
        Assert.True(identity.HasPrivateKey);
    }

    [Fact]
    public async Task A_certificate_installed_while_valid_is_judged_expired_once_the_clock_passes_not_after()
    {
        var (certPem, keyPem) = ClientPair("client-1", [4, 5, 6], notAfter: TestPki.Now.AddDays(90));
        var install = new InstallCertificate(CertificateType.Client) { PublicCertificate = certPem, PrivateKey = keyPem };
        var cert = await service.CreateAsync(install, None);
        await service.DeleteAsync(cert.Uuid, None);

        store.Clock.Advance(TimeSpan.FromDays(91));
        var e = await FailsAsync(() => service.CreateAsync(install, None), OntapErrors.CertificateInvalid, "public_certificate");
        Assert.Contains("expired", e.Message, StringComparison.Ordinal);

        store.Clock.Set(TestPki.Now.AddDays(-2)); // before not_before
        e = await FailsAsync(() => service.CreateAsync(install, None), OntapErrors.CertificateInvalid, "public_certificate");
        Assert.Contains("not valid until", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Count("certificates"));
    }

    [Fact]
    public async Task A_self_signed_certificate_is_valid_from_the_clocks_now()
    {
        var cert = await service.CreateAsync(new InstallCertificate(CertificateType.ServerCa) { CommonName = "ca.example", ExpiryTime = "P30D" }, None);

        Assert.Equal(TestPki.Now.AddDays(30), cert.ExpiryTime);
        Assert.Null(cert.WrappedPrivateKey); // a CA type keeps no key
    }

    [Fact]
    public async Task Install_and_parse_errors_name_the_field_at_fault_and_store_nothing()
    {
        var (certPem, keyPem) = ClientPair("client-1", [7]);
        using var caKey = RSA.Create(2048);
        using var ca = TestPki.Ca(key: caKey);

        await FailsAsync(() => service.CreateAsync(new InstallCertificate(CertificateType.Client) { PublicCertificate = "not a pem", PrivateKey = keyPem }, None),
            OntapErrors.CertificateInvalid, "public_certificate");
        await FailsAsync(() => service.CreateAsync(new InstallCertificate(CertificateType.Client) { PublicCertificate = certPem }, None),
            OntapErrors.CertificateInvalid, "private_key");
        await FailsAsync(() => service.CreateAsync(new InstallCertificate(CertificateType.Client) { PublicCertificate = certPem, PrivateKey = caKey.ExportPkcs8PrivateKeyPem() }, None),
            OntapErrors.CertificateInvalid, "private_key");
        await FailsAsync(() => service.CreateAsync(new InstallCertificate(CertificateType.ServerCa) { PublicCertificate = TestPki.Pem(ca), PrivateKey = caKey.ExportPkcs8PrivateKeyPem() }, None),
            OntapErrors.CertificateInvalid, "private_key");
        await FailsAsync(() => service.CreateAsync(new InstallCertificate(CertificateType.Client) { PrivateKey = keyPem, CommonName = "x" }, None),
            OntapErrors.CertificateInvalid, "private_key");
        await FailsAsync(() => service.CreateAsync(new InstallCertificate(CertificateType.Client), None), OntapErrors.MissingField, "common_name");
        await FailsAsync(() => service.CreateAsync(new InstallCertificate(CertificateType.Client) { CommonName = "x", ExpiryTime = "a year" }, None),
            OntapErrors.InvalidFieldValue, "expiry_time");
        await FailsAsync(() => service.CreateAsync(new InstallCertificate(CertificateType.Client) { CommonName = "x", KeySize = 512 }, None),
            OntapErrors.CertificateInvalid, "key_size");
        await FailsAsync(() => service.CreateAsync(new InstallCertificate(CertificateType.Client) { CommonName = "x", Scope = "svm" }, None),
            OntapErrors.MissingField, "svm");
        await FailsAsync(() => service.CreateAsync(new InstallCertificate(CertificateType.Client) { CommonName = "x", SvmName = "no-such-svm" }, None),
            OntapErrors.SvmNotFound, "svm.name");
        Assert.Equal(0, store.Count("certificates"));
        Assert.DoesNotContain(keyPem, new InstallCertificate(CertificateType.Client) { PrivateKey = keyPem }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_certificate_twice_is_409()
    {
        var ca = await service.CreateAsync(new InstallCertificate(CertificateType.ServerCa) { CommonName = "ca" }, None);

        await FailsAsync(() => service.CreateAsync(new InstallCertificate(CertificateType.ServerCa) { PublicCertificate = ca.PublicCertificate }, None),
            OntapErrors.CertificateExists, "public_certificate");
        Assert.Equal(1, store.Count("certificates"));
    }

    [Fact]
    public async Task A_certificate_a_key_manager_uses_cannot_be_deleted()
    {
        var client = await service.CreateAsync(new InstallCertificate(CertificateType.Client) { CommonName = "client" }, None);
        var ca = await service.CreateAsync(new InstallCertificate(CertificateType.ServerCa) { CommonName = "ca" }, None);
        var spare = await service.CreateAsync(new InstallCertificate(CertificateType.ServerCa) { CommonName = "spare" }, None);
        var km = new KeyManager(Guid.NewGuid(), null, null, KeyManager.External, false, store.Clock.GetUtcNow());
        await store.Store.WriteAsync(async (c, tx, t) =>
        {
            await KeyManagerRepository.InsertAsync(c, tx, km, t);
            await ExternalRepository.SetCertificatesAsync(c, tx, km.Uuid, client.Uuid, [ca.Uuid], t);
            return 0;
        }, None);

        await FailsAsync(() => service.DeleteAsync(client.Uuid, None), OntapErrors.CertificateInUse, "uuid");
        await FailsAsync(() => service.DeleteAsync(ca.Uuid, None), OntapErrors.CertificateInUse, "uuid");
        await FailsAsync(() => service.DeleteAsync(Guid.NewGuid(), None), OntapErrors.EntryNotFound, "uuid");
        Assert.Equal(3, store.Count("certificates"));

        await service.DeleteAsync(spare.Uuid, None);
        Assert.Equal(2, store.Count("certificates"));
    }

    private static (string Cert, string Key) ClientPair(string cn, byte[] serial, DateTimeOffset? notAfter = null)
    {
        using var caKey = RSA.Create(2048);
        using var ca = TestPki.Ca(key: caKey);
        using var key = RSA.Create(2048);
        using var leaf = TestPki.Leaf(TestPki.RsaRequest(cn, key), ca, serial, notAfter: notAfter);
        return (TestPki.Pem(leaf), key.ExportPkcs8PrivateKeyPem());
    }

    private static async Task<OntapException> FailsAsync(Func<Task> call, OntapError error, string? target)
    {
        var e = await Assert.ThrowsAsync<OntapException>(call);
        Assert.Equal((error.Code, target), (e.Code, e.Target));
        return e;
    }
}
