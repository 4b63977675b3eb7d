using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

/// <summary>`security login create | show | lock | unlock | password | modify | delete` against a real node, checked through REST and the store.</summary>
public sealed class CliLoginTests
{
    private const string Password = "dials-and-gauges-7";

    [Fact]
    public async Task Logins_are_created_shown_locked_unlocked_modified_and_deleted_like_ONTAPs()
    {
        using var node = new KeyholdProcess();

        var created = await KeyholdCli.RunAsync(node, "security login create -user-or-group-name monitor -role readonly -comment dashboards", Password + "\n");
        Assert.True(created.Code == 0, created.ToString());
        Assert.DoesNotContain(Password, created.Out + created.Error);
        Assert.Equal(["readonly", "dashboards"], StoreProbe.Rows(node.DataDir, "SELECT role, comment FROM users WHERE name = 'monitor'")[0]);

        var shown = await KeyholdCli.RunAsync(node, "security login show -user-or-group-name monitor");
        Assert.True(shown.Code == 0, shown.ToString());
        Assert.Equal("Vserver User/Group Name Application Authentication Method Role Name Acct Locked", string.Join(' ', shown.Headers()));
        var row = Assert.Single(shown.Rows());
        Assert.Equal(["monitor", "http", "password", "readonly", "no"], row[1..]);

        Assert.Equal(0, (await KeyholdCli.RunAsync(node, "security login lock -user-or-group-name monitor")).Code);
        Assert.Equal(1L, StoreProbe.Rows(node.DataDir, "SELECT admin_locked FROM users WHERE name = 'monitor'")[0][0]);
        Assert.Equal("yes", (await KeyholdCli.RunAsync(node, "security login show -user-or-group-name monitor")).Rows()[0][5]);
        Assert.Equal(0, (await KeyholdCli.RunAsync(node, "security login unlock -user-or-group-name monitor")).Code);
        Assert.Equal(0L, StoreProbe.Rows(node.DataDir, "SELECT admin_locked FROM users WHERE name = 'monitor'")[0][0]);

        // The account changes its own password, logged in as itself.
        var own = await KeyholdCli.RunAsync(["security", "login", "password", "--cacert", Path.Combine(node.DataDir, "tls.crt")], "next-dials-8\n",
            new Dictionary<string, string?> { ["KEYHOLD_URL"] = node.Url, ["KEYHOLD_USER"] = "monitor", ["KEYHOLD_PASSWORD"] = Password });
        Assert.True(own.Code == 0, own.ToString());
        Assert.Equal("The password of \"monitor\" is changed.\n", own.Out);

        var modified = await KeyholdCli.RunAsync(node, "security login modify -user-or-group-name monitor -role admin");
        Assert.True(modified.Code == 0, modified.ToString());
        Assert.Equal("admin", StoreProbe.Rows(node.DataDir, "SELECT role FROM users WHERE name = 'monitor'")[0][0]);

        var badRole = await KeyholdCli.RunAsync(node, "security login modify -user-or-group-name monitor -role superuser");
        Assert.Equal(1, badRole.Code);
        Assert.Contains("(code 1261215", badRole.Error);

        Assert.Equal(0, (await KeyholdCli.RunAsync(node, "security login delete -user-or-group-name monitor")).Code);
        Assert.Empty(StoreProbe.Rows(node.DataDir, "SELECT name FROM users WHERE name = 'monitor'"));
        var missing = await KeyholdCli.RunAsync(node, "security login delete -user-or-group-name monitor");
        Assert.Equal(1, missing.Code);
        (await node.Client().GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
    }
}
