using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.Accounts;

/// <summary>GET /api/security/roles: the built-in roles as ONTAP lists them, cluster roles and each SVM's.</summary>
public sealed class RolesApiTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task The_built_in_roles_are_listed_per_owner_and_read_one_by_one()
    {
        var admin = factory.Admin();
        (await admin.PostJsonAsync("/api/svm/svms", new { name = "svm1" })).AssertStatus(HttpStatusCode.Created);
        var cluster = (string)StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM cluster")[0][0]!;
        var svm = (string)StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM svms")[0][0]!;

        var list = await admin.GetJsonAsync("/api/security/roles?fields=*");

        list.AssertStatus(HttpStatusCode.OK);
        var records = list.Body!["records"]!.AsArray();
        Assert.Equal(
            [$"{cluster}/admin", $"{cluster}/readonly", $"{svm}/vsadmin", $"{svm}/vsadmin-readonly"],
            records.Select(r => $"{r!["owner"]!["uuid"]}/{r["name"]}"));
        Assert.All(records, r => Assert.True(r!["builtin"]!.GetValue<bool>()));
        Assert.Equal(["cluster", "cluster", "svm", "svm"], records.Select(r => r!["scope"]!.GetValue<string>()));
        Assert.Equal("readonly", records[1]!["privileges"]![0]!["access"]!.GetValue<string>());

        var one = await admin.GetJsonAsync($"/api/security/roles/{svm}/vsadmin-readonly");
        one.AssertStatus(HttpStatusCode.OK);
        Assert.Equal("svm1", one.Body!["owner"]!["name"]!.GetValue<string>());
        (await admin.GetJsonAsync($"/api/security/roles/{cluster}/vsadmin")).AssertError(HttpStatusCode.NotFound, "4");
        var filtered = await admin.GetJsonAsync("/api/security/roles?scope=svm&max_records=1");
        Assert.Equal(1, filtered.Body!["num_records"]!.GetValue<int>());
        Assert.NotNull(filtered.Body["_links"]!["next"]);
        (await admin.PostJsonAsync("/api/security/roles", new { name = "mine" })).AssertError(HttpStatusCode.MethodNotAllowed, "5");
    }
}
