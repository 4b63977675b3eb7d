using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Versions;

/// <summary>
/// A field newer than the cluster's release is one that release never had: refused in <c>fields</c> (262197), in filters and
/// bodies (262179, "Unexpected argument"), and left out of records. Certificates' <c>name</c> came in 9.8 (issue 12, row 4).
/// </summary>
public sealed class FieldVersionTests : IDisposable
{
    private readonly TestPki pki = new();

    [Fact]
    public async Task At_9_7_certificate_name_is_refused_in_filters_fields_and_bodies_and_nothing_is_stored()
    {
        using var factory = At("9.7.0");
        var client = factory.Admin();

        (await client.GetJsonAsync("/api/security/certificates?name=kmip_ca&scope=cluster&fields=uuid"))
            .AssertError(HttpStatusCode.BadRequest, "262179", "Unexpected argument \"name\".", "name");
        (await client.GetJsonAsync("/api/security/certificates?fields=name")).AssertError(HttpStatusCode.BadRequest, "262197", target: "fields");
        (await client.PostJsonAsync("/api/security/certificates", new { type = "server_ca", public_certificate = pki.CaPem, name = "kmip_ca" }))
            .AssertError(HttpStatusCode.BadRequest, "262179", target: "name");
        Assert.Equal(0, StoreProbe.Count(factory.DataDir, "certificates"));
    }

    [Fact]
    public async Task At_9_7_a_certificate_installed_without_a_name_is_found_by_common_name_and_its_record_has_no_name()
    {
        using var factory = At("9.7.0");
        var client = factory.Admin();
        (await client.PostJsonAsync("/api/security/certificates", new { type = "server_ca", public_certificate = pki.CaPem })).AssertStatus(HttpStatusCode.Created);

        var found = await client.GetJsonAsync("/api/security/certificates?common_name=Keyhold%20Test%20CA&type=server_ca&scope=cluster&fields=*");

        var record = Assert.Single(found.Body!["records"]!.AsArray())!;
        Assert.Equal("Keyhold Test CA", record["common_name"]!.GetValue<string>());
        Assert.Null(record["name"]);
        var uuid = record["uuid"]!.GetValue<string>();
        Assert.Null((await client.GetJsonAsync($"/api/security/certificates/{uuid}")).Body!["name"]);
        Assert.Equal(uuid, StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM certificates")[0][0]);
    }

    [Theory]
    [InlineData("9.8.0")]
    [InlineData("9.16.1")]
    public async Task From_9_8_certificate_name_is_stored_filtered_and_returned(string release)
    {
        using var factory = At(release);
        var client = factory.Admin();
        (await client.PostJsonAsync("/api/security/certificates", new { type = "server_ca", public_certificate = pki.CaPem, name = "kmip_ca" })).AssertStatus(HttpStatusCode.Created);

        var found = await client.GetJsonAsync("/api/security/certificates?name=kmip_ca&fields=name");

        Assert.Equal("kmip_ca", Assert.Single(found.Body!["records"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Equal("kmip_ca", StoreProbe.Rows(factory.DataDir, "SELECT name FROM certificates")[0][0]);
    }

    [Fact]
    public async Task Svm_max_volumes_and_allowed_protocols_came_in_9_9_1_and_ndmp_in_9_10_1()
    {
        using var old = At("9.8.0");
        (await old.Admin().PostJsonAsync("/api/svm/svms", new { name = "vs1", max_volumes = "10" })).AssertError(HttpStatusCode.BadRequest, "262179", target: "max_volumes");
        (await old.Admin().GetJsonAsync("/api/svm/svms?fields=ndmp")).AssertError(HttpStatusCode.BadRequest, "262197", target: "fields");
        Assert.Equal(0, StoreProbe.Count(old.DataDir, "svms"));

        using var newer = At("9.10.1");
        var client = newer.Admin();
        (await client.PostJsonAsync("/api/svm/svms", new { name = "vs1", max_volumes = "10", nfs = new { allowed = false }, ndmp = new { allowed = false } }))
            .AssertStatus(HttpStatusCode.Created);
        var got = (await client.GetJsonAsync("/api/svm/svms?max_volumes=10&fields=max_volumes,nfs,ndmp,cifs")).Body!["records"]![0]!;
        Assert.Equal("10", got["max_volumes"]!.GetValue<string>());
        Assert.False(got["nfs"]!["allowed"]!.GetValue<bool>());
        Assert.False(got["ndmp"]!["allowed"]!.GetValue<bool>());
        Assert.True(got["cifs"]!["allowed"]!.GetValue<bool>());
        Assert.Contains("\"max_volumes\":\"10\"", (string)StoreProbe.Rows(newer.DataDir, "SELECT attributes FROM svms")[0][0]!);
    }

    private static KeyholdFactory At(string release) => new() { Settings = { ["Keyhold:Ontap:Version"] = release } };

    public void Dispose() => pki.Dispose();
}
