using System.Net;
using System.Text.RegularExpressions;
using Keyhold.Tests.Support;
using Keyhold.Tests.Volumes;
using Microsoft.AspNetCore.Routing;

namespace Keyhold.Tests.Api.Accounts;

/// <summary>
/// SVM administrators see only their own SVM. Every route the application maps is called (the list is read from the
/// application, so a new route cannot escape), with every path parameter set to each record this account must not
/// reach: no answer may carry another SVM's or the cluster's records, and no call may change the store.
/// </summary>
public sealed partial class SvmAccountScopeTests : IDisposable
{
    private const string Password = "tenant-pass-41";
    private readonly KeyholdFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task An_SVM_administrator_reads_nothing_and_writes_nothing_outside_its_SVM_on_every_endpoint()
    {
        var admin = factory.Admin();
        var kmUuid = await OnboardSetup.EnableAsync(admin);
        var own = await VolumeSetup.SvmAsync(admin, "tenant1");
        var other = await VolumeSetup.SvmAsync(admin, "tenant2");
        var (ownVolume, _) = await VolumeSetup.VolumeAsync(admin, "vol_tenant1", "tenant1");
        var (otherVolume, otherKey) = await VolumeSetup.VolumeAsync(admin, "vol_tenant2", "tenant2");
        foreach (var (name, svm, role) in new[] { ("t1admin", "tenant1", "vsadmin"), ("t1reader", "tenant1", "vsadmin-readonly"), ("t2admin", "tenant2", "vsadmin") })
        {
            (await admin.PostJsonAsync("/api/security/accounts", new Dictionary<string, object> { ["name"] = name, ["owner.name"] = svm, ["role.name"] = role, ["password"] = Password }))
                .AssertStatus(HttpStatusCode.Created);
        }
        using var pki = new TestPki("Tenant2 CA");
        var otherCert = await admin.PostJsonAsync("/api/security/certificates?return_records=true", new { type = "server_ca", public_certificate = pki.CaPem, name = "t2ca", svm = new { name = "tenant2" } });
        otherCert.AssertStatus(HttpStatusCode.Created);
        var otherCertUuid = otherCert.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        var cluster = (string)StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM cluster")[0][0]!;
        var node = (string)StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM nodes")[0][0]!;
        var jobs = StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM jobs").Select(r => (string)r[0]!).ToList();
        // What must never come back: the other SVM, its volume, key and account; the cluster's key manager and admin.
        string[] forbidden = [other, "tenant2", otherVolume, otherKey!, "vol_tenant2", "t2admin", kmUuid, "\"admin\"", otherCertUuid, "t2ca"];
        // Path values to try: each foreign record, and our own where a route needs a parent that exists.
        string[] values = [other, otherVolume, otherKey!, kmUuid, cluster, node, "t2admin", "admin", otherCertUuid, .. jobs];

        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct().ToList();
        Assert.True(routes.Count > 30, $"only {routes.Count} routes found");

        var before = Snapshot();
        var calls = 0;
        foreach (var client in new[] { factory.Client("t1admin", Password), factory.Client("t1reader", Password) })
        {
            foreach (var (method, pattern) in routes)
            {
                foreach (var url in Urls(pattern, values))
                {
                    foreach (var body in method is "GET" or "DELETE" ? new object?[] { null } : [new { }, new { name = "x", svm = new { uuid = other }, owner = new { uuid = other } }])
                    {
                        var result = await client.SendAsync(new HttpMethod(method), url + (method == "GET" ? "?fields=**" : ""), body);
                        calls++;
                        var text = result.Body?.ToJsonString() ?? "";
                        Assert.True((int)result.Status < 500, $"{method} {url}: {result.Status} {text}");
                        foreach (var secret in forbidden)
                        {
                            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{method} {url} answered another SVM's or the cluster's record ({secret}): {text}");
                        }
                    }
                }
            }
        }
        Assert.Equal(before, Snapshot());
        Assert.True(calls > 100, $"only {calls} calls");

        // And the account does see its own SVM, through the same doors.
        var mine = factory.Client("t1admin", Password);
        var svms = await mine.GetJsonAsync("/api/svm/svms");
        Assert.Equal([own], svms.Body!["records"]!.AsArray().Select(r => r!["uuid"]!.GetValue<string>()));
        var volumes = await mine.GetJsonAsync("/api/storage/volumes");
        Assert.Equal([ownVolume], volumes.Body!["records"]!.AsArray().Select(r => r!["uuid"]!.GetValue<string>()));
        var accounts = await mine.GetJsonAsync("/api/security/accounts");
        Assert.Equal(["t1admin", "t1reader"], accounts.Body!["records"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        (await mine.GetJsonAsync($"/api/svm/svms/{own}")).AssertStatus(HttpStatusCode.OK);
        (await mine.GetJsonAsync($"/api/svm/svms/{other}")).AssertError(HttpStatusCode.NotFound, "4");
        (await mine.GetJsonAsync("/api/cluster/nodes")).AssertError(HttpStatusCode.Forbidden, "6");
    }

    [Fact]
    public async Task A_vsadmin_creates_encrypts_and_deletes_volumes_of_its_own_SVM_only_and_follows_its_jobs()
    {
        var admin = factory.Admin();
        await OnboardSetup.EnableAsync(admin);
        var own = await VolumeSetup.SvmAsync(admin, "tenant1");
        await VolumeSetup.SvmAsync(admin, "tenant2");
        var (otherVolume, _) = await VolumeSetup.VolumeAsync(admin, "vol_tenant2", "tenant2");
        foreach (var (name, role) in new[] { ("t1admin", "vsadmin"), ("t1reader", "vsadmin-readonly") })
        {
            (await admin.PostJsonAsync("/api/security/accounts", new Dictionary<string, object> { ["name"] = name, ["owner.name"] = "tenant1", ["role.name"] = role, ["password"] = Password }))
                .AssertStatus(HttpStatusCode.Created);
        }
        var vsadmin = factory.Client("t1admin", Password);
        var reader = factory.Client("t1reader", Password);

        var created = await vsadmin.PostJsonAsync("/api/storage/volumes?return_records=true", new { name = "data1", encryption = new { enabled = false } });
        created.AssertStatus(HttpStatusCode.Created);
        var uuid = created.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal(own, VolumeSetup.VolumeRow(factory.DataDir, uuid)[1]);
        (await vsadmin.PostJsonAsync("/api/storage/volumes", new { name = "data2", svm = new { name = "tenant2" } })).AssertError(HttpStatusCode.BadRequest, "2621462");
        (await reader.PostJsonAsync("/api/storage/volumes", new { name = "data3" })).AssertError(HttpStatusCode.Forbidden, "6");
        Assert.Equal(2L, StoreProbe.Count(factory.DataDir, "volumes"));

        var encrypting = await vsadmin.PatchJsonAsync($"/api/storage/volumes/{uuid}", new { encryption = new { enabled = true } });
        Assert.True(encrypting.Status is HttpStatusCode.Accepted or HttpStatusCode.OK, encrypting.Body?.ToJsonString());
        if (encrypting.Status == HttpStatusCode.Accepted)
        {
            Assert.Equal("success", (await VolumeSetup.JobAsync(vsadmin, encrypting.Body!))["state"]!.GetValue<string>());
        }
        Assert.Equal("encrypted", VolumeSetup.VolumeRow(factory.DataDir, uuid)[4]);
        var jobs = await reader.GetJsonAsync("/api/cluster/jobs");
        Assert.Equal(1, jobs.Body!["num_records"]!.GetValue<int>());

        (await vsadmin.PatchJsonAsync($"/api/storage/volumes/{otherVolume}", new { size = 1L << 35 })).AssertError(HttpStatusCode.NotFound, "4");
        (await vsadmin.DeleteJsonAsync($"/api/storage/volumes/{otherVolume}")).AssertError(HttpStatusCode.NotFound, "4");
        (await reader.DeleteJsonAsync($"/api/storage/volumes/{uuid}")).AssertError(HttpStatusCode.Forbidden, "6");
        (await vsadmin.DeleteJsonAsync($"/api/storage/volumes/{uuid}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal([otherVolume], StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM volumes").Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task A_vsadmin_installs_and_deletes_certificates_of_its_own_SVM_only()
    {
        var admin = factory.Admin();
        var own = await VolumeSetup.SvmAsync(admin, "tenant1");
        await VolumeSetup.SvmAsync(admin, "tenant2");
        using var theirs = new TestPki("Tenant2 CA");
        using var mine = new TestPki("Tenant1 CA");
        var foreign = await admin.PostJsonAsync("/api/security/certificates?return_records=true", new { type = "server_ca", public_certificate = theirs.CaPem, name = "t2ca", svm = new { name = "tenant2" } });
        var foreignUuid = foreign.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        (await admin.PostJsonAsync("/api/security/accounts", new Dictionary<string, object> { ["name"] = "t1admin", ["owner.name"] = "tenant1", ["role.name"] = "vsadmin", ["password"] = Password }))
            .AssertStatus(HttpStatusCode.Created);
        var vsadmin = factory.Client("t1admin", Password);

        var installed = await vsadmin.PostJsonAsync("/api/security/certificates?return_records=true", new { type = "server_ca", public_certificate = mine.CaPem, name = "t1ca" });
        installed.AssertStatus(HttpStatusCode.Created);
        var uuid = installed.Body!["records"]![0]!["uuid"]!.GetValue<string>();
        Assert.Equal(own, StoreProbe.Rows(factory.DataDir, $"SELECT svm_uuid FROM certificates WHERE uuid = '{uuid}'")[0][0]);
        (await vsadmin.PostJsonAsync("/api/security/certificates", new { type = "server_ca", public_certificate = mine.CaPem, svm = new { name = "tenant2" } }))
            .AssertError(HttpStatusCode.BadRequest, "2621462");
        (await vsadmin.DeleteJsonAsync($"/api/security/certificates/{foreignUuid}")).AssertError(HttpStatusCode.NotFound, "4");
        var listed = await vsadmin.GetJsonAsync("/api/security/certificates");
        Assert.Equal([uuid], listed.Body!["records"]!.AsArray().Select(r => r!["uuid"]!.GetValue<string>()));

        (await vsadmin.DeleteJsonAsync($"/api/security/certificates/{uuid}")).AssertStatus(HttpStatusCode.OK);
        Assert.Equal([foreignUuid], StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM certificates").Select(r => (string)r[0]!));
    }

    /// <summary>
    /// Every table but the audit trail and the nodes' heartbeats (which every request and every node write on their
    /// own), as text, in a stable order; row counts as their folded sums.
    /// </summary>
    private string Snapshot()
    {
        var tables = StoreProbe.Rows(factory.DataDir, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_messages', 'nodes') ORDER BY name")
            .Select(r => (string)r[0]!);
        return string.Join('\n', tables.Select(t => t + ": " + string.Join(" | ",
            StoreProbe.Rows(factory.DataDir, StoreProbe.ContentsOf(t)).Select(r => string.Join(",", r.Select(v => v is byte[] b ? Convert.ToBase64String(b) : v?.ToString()))).Order(StringComparer.Ordinal))));
    }

    /// <summary>The pattern with each parameter set to each value (parameters of one route take the same value).</summary>
    private static IEnumerable<string> Urls(string pattern, string[] values)
    {
        if (!Parameter().IsMatch(pattern))
        {
            return [pattern];
        }
        return values.Select(v => Parameter().Replace(pattern, Uri.EscapeDataString(v))).Distinct();
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
