using System.Net;
using System.Text;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Certificates;

public sealed class CertificatesApiTests : IDisposable
{
    private readonly KeyholdFactory factory = new();
    private readonly TestPki pki = new();

    [Fact]
    public async Task Installing_a_server_ca_reads_its_fields_from_the_certificate()
    {
        var client = factory.Admin();
        var created = await client.PostJsonAsync("/api/security/certificates?return_records=true", new { type = "server_ca", public_certificate = pki.CaPem, name = "kmip_ca" });

        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var got = await client.GetJsonAsync($"/api/security/certificates/{uuid}?fields=*");
        Assert.Equal("Keyhold Test CA", got.Body!["common_name"]!.GetValue<string>());
        Assert.Equal("Keyhold Test CA", got.Body["ca"]!.GetValue<string>());
        Assert.Equal(pki.Ca.SerialNumber.TrimStart('0'), got.Body["serial_number"]!.GetValue<string>().TrimStart('0'));
        Assert.Equal("sha256", got.Body["hash_function"]!.GetValue<string>());
        Assert.Equal(2048, got.Body["key_size"]!.GetValue<int>());
        Assert.Equal("server_ca", got.Body["type"]!.GetValue<string>());
        Assert.Equal("cluster", got.Body["scope"]!.GetValue<string>());
        Assert.Equal(pki.Ca.NotAfter.ToUniversalTime().Date, DateTimeOffset.Parse(got.Body["expiry_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.Date);
        Assert.Equal(1, StoreProbe.Count(factory.DataDir, "certificates"));

        var byName = await client.GetJsonAsync("/api/security/certificates?name=kmip_ca&scope=cluster&fields=uuid,name,common_name,type");
        Assert.Equal(uuid, byName.Body!["records"]![0]!["uuid"]!.GetValue<string>());
        var byCn = await client.GetJsonAsync("/api/security/certificates?common_name=Keyhold%20Test%20CA&type=server_ca&scope=cluster&fields=uuid,common_name,type");
        Assert.Equal(1, byCn.Body!["num_records"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_client_certificate_private_key_is_stored_wrapped_and_never_returned()
    {
        var (cert, key) = pki.Leaf("kmip-client");
        var client = factory.Admin();
        var created = await client.PostJsonAsync("/api/security/certificates?return_records=true", new { type = "client", public_certificate = cert, private_key = key });
        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();

        var all = await client.GetJsonAsync($"/api/security/certificates/{uuid}?fields=**");
        Assert.Null(all.Body!["private_key"]);
        var keyBody = key.Split('\n')[2];
        Assert.DoesNotContain(keyBody, all.Body.ToJsonString());
        var wrapped = (byte[])StoreProbe.Rows(factory.DataDir, "SELECT wrapped_private_key FROM certificates")[0][0]!;
        Assert.True(wrapped.Length > 1000);
        Assert.DoesNotContain(keyBody, Encoding.Latin1.GetString(StoreProbe.AllBytes(factory.DataDir)));
        Assert.DoesNotContain(keyBody, factory.Logs.All);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_created_from_common_name_and_key_size()
    {
        var client = factory.Admin();
        var created = await client.PostJsonAsync("/api/security/certificates?return_records=true", new { type = "client", common_name = "keyhold-client", key_size = 3072, expiry_time = "P30DT" });

        created.AssertStatus(HttpStatusCode.Created);
        var got = await client.GetJsonAsync($"/api/security/certificates/{created.Body!["records"]![0]!["uuid"]}?fields=common_name,key_size,expiry_time,public_certificate");
        Assert.Equal("keyhold-client", got.Body!["common_name"]!.GetValue<string>());
        Assert.Equal(3072, got.Body["key_size"]!.GetValue<int>());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", got.Body["public_certificate"]!.GetValue<string>());
        var expiry = DateTimeOffset.Parse(got.Body["expiry_time"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiry, DateTimeOffset.UtcNow.AddDays(29), DateTimeOffset.UtcNow.AddDays(31));
        Assert.NotNull(StoreProbe.Rows(factory.DataDir, "SELECT wrapped_private_key FROM certificates")[0][0]);
    }

    [Fact]
    public async Task Bad_pem_mismatched_key_expired_and_missing_key_are_400_and_store_nothing()
    {
        var client = factory.Admin();
        var (cert, key) = pki.Leaf("one");
        var (_, otherKey) = pki.Leaf("two");
        var (expired, expiredKey) = pki.Leaf("old", notBefore: DateTimeOffset.UtcNow.AddDays(-30), notAfter: DateTimeOffset.UtcNow.AddDays(-1));

        (await client.PostJsonAsync("/api/security/certificates", new { type = "server_ca", public_certificate = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----" }))
            .AssertError(HttpStatusCode.BadRequest, "262197", target: "public_certificate");
        (await client.PostJsonAsync("/api/security/certificates", new { type = "client", public_certificate = cert, private_key = otherKey }))
            .AssertError(HttpStatusCode.BadRequest, "262197", target: "private_key");
        (await client.PostJsonAsync("/api/security/certificates", new { type = "client", public_certificate = expired, private_key = expiredKey }))
            .AssertError(HttpStatusCode.BadRequest, "262197", target: "public_certificate");
        (await client.PostJsonAsync("/api/security/certificates", new { type = "client", public_certificate = cert }))
            .AssertError(HttpStatusCode.BadRequest, "262197", target: "private_key");
        (await client.PostJsonAsync("/api/security/certificates", new { type = "colour", public_certificate = cert }))
            .AssertError(HttpStatusCode.BadRequest, "262197", target: "type");
        (await client.PostJsonAsync("/api/security/certificates", new { type = "client", common_name = "x", key_size = 512 }))
            .AssertError(HttpStatusCode.BadRequest, "262197");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "certificates"));
        Assert.DoesNotContain(otherKey.Split('\n')[2], factory.Logs.All);
    }

    [Fact]
    public async Task Delete_removes_the_certificate_and_a_duplicate_install_is_refused()
    {
        var client = factory.Admin();
        var created = await client.PostJsonAsync("/api/security/certificates?return_records=true", new { type = "server_ca", public_certificate = pki.CaPem });
        (await client.PostJsonAsync("/api/security/certificates", new { type = "server_ca", public_certificate = pki.CaPem })).AssertStatus(HttpStatusCode.Conflict);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();

        (await client.DeleteJsonAsync($"/api/security/certificates/{uuid}")).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "certificates"));
        (await client.DeleteJsonAsync($"/api/security/certificates/{uuid}")).AssertError(HttpStatusCode.NotFound, "4");
    }

    public void Dispose()
    {
        factory.Dispose();
        pki.Dispose();
    }
}
