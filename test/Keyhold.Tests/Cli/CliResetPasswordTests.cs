using System.Net;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Cli;

/// <summary>`keyhold host reset-password` on a stopped node's data folder.</summary>
public sealed class CliResetPasswordTests
{
    private const string NewPassword = "a-new-admin-password-42";

    [Fact]
    public async Task The_reset_password_is_the_one_the_restarted_node_takes()
    {
        string dataDir;
        using (var first = new KeyholdProcess())
        {
            dataDir = first.DataDir;
            first.Stop();
        }

        var result = await KeyholdCli.RunAsync(["host", "reset-password", "--data", dataDir], NewPassword + "\n");

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal("The password of \"admin\" is reset.\n", result.Out);
        Assert.DoesNotContain(NewPassword, result.Out + result.Error);
        using var node = new KeyholdProcess(dataDir, NewPassword);
        (await node.Client().GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        using var old = new KeyholdProcessClient(node, KeyholdFactory.AdminPassword);
        (await old.Client.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_reset_lifts_the_lockout_of_an_admin_locked_out_by_wrong_passwords()
    {
        string dataDir;
        using (var first = new KeyholdProcess(environment: new Dictionary<string, string> { ["Keyhold__Login__MaxFailedAttempts"] = "5" }))
        {
            dataDir = first.DataDir;
            for (var i = 0; i < 5; i++) // ONTAP's login policy, turned on: five wrong passwords lock the account for an hour
            {
                using var guess = new KeyholdProcessClient(first, "wrong-guess-" + i);
                (await guess.Client.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
            }
            (await first.Client().GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized); // locked
            first.Stop();
        }
        Assert.NotNull(StoreProbe.Rows(dataDir, "SELECT locked_until FROM users WHERE name = 'admin'")[0][0]);

        var result = await KeyholdCli.RunAsync(["host", "reset-password", "--data", dataDir], NewPassword + "\n");

        Assert.True(result.Code == 0, result.ToString());
        Assert.Equal([0L, null, 0L], StoreProbe.Rows(dataDir, "SELECT failed_logins, locked_until, admin_locked FROM users WHERE name = 'admin'")[0]);
        using var node = new KeyholdProcess(dataDir, NewPassword);
        (await node.Client().GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_folder_without_a_store_is_exit_1_and_is_not_created()
    {
        var dataDir = Path.Combine(TempDir.Create(), "data");

        var result = await KeyholdCli.RunAsync(["host", "reset-password", "--data", dataDir], NewPassword + "\n");

        Assert.Equal(1, result.Code);
        Assert.StartsWith("Error: ", result.Error);
        Assert.False(Directory.Exists(dataDir));
    }

    [Fact]
    public async Task An_unknown_account_is_exit_1()
    {
        string dataDir;
        using (var first = new KeyholdProcess())
        {
            dataDir = first.DataDir;
            first.Stop();
        }

        var result = await KeyholdCli.RunAsync(["host", "reset-password", "-user", "nobody", "--data", dataDir], NewPassword + "\n");

        Assert.Equal(1, result.Code);
        Assert.Equal("Error: There is no account \"nobody\".\n", result.Error);
    }

    /// <summary>A client of a running node with some other password.</summary>
    private sealed class KeyholdProcessClient(KeyholdProcess node, string password) : IDisposable
    {
        public HttpClient Client { get; } = Create(node, password);

        private static HttpClient Create(KeyholdProcess node, string password)
        {
            var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
            var client = new HttpClient(handler) { BaseAddress = new Uri(node.Url) };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"admin:{password}")));
            return client;
        }

        public void Dispose() => Client.Dispose();
    }
}
