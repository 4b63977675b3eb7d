using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Keyhold.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Keyhold.Tests.Api.Accounts;

/// <summary>ONTAP's login policy: N wrong passwords lock the account for a set time; `locked` shows it; an admin unlocks.</summary>
public sealed class AccountLockoutTests : IDisposable
{
    private const string Password = "dials-and-gauges-7";
    private readonly KeyholdFactory factory = new();
    private readonly ManualClock clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly WebApplicationFactory<Program> node;

    public AccountLockoutTests() =>
        node = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Keyhold:Login:MaxFailedAttempts", "3");
            b.UseSetting("Keyhold:Login:LockoutDuration", "00:10:00");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });

    public void Dispose()
    {
        node.Dispose();
        factory.Dispose();
    }

    private HttpClient Client(string user, string password)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    private HttpClient Admin => Client("admin", KeyholdFactory.AdminPassword);

    private string ClusterUuid => (string)StoreProbe.Rows(factory.DataDir, "SELECT uuid FROM cluster")[0][0]!;

    private async Task<bool> LockedAsync() =>
        (await Admin.GetJsonAsync($"/api/security/accounts/{ClusterUuid}/monitor?fields=locked")).Body!["locked"]!.GetValue<bool>();

    private async Task FailAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            (await Client("monitor", "wrong-guess-" + i).GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Three_wrong_passwords_lock_the_account_until_the_duration_passes()
    {
        (await Admin.PostJsonAsync("/api/security/accounts", new { name = "monitor", role = new { name = "readonly" }, password = Password })).AssertStatus(HttpStatusCode.Created);

        await FailAsync(2);
        Assert.False(await LockedAsync());
        Assert.Equal(2L, StoreProbe.Rows(factory.DataDir, "SELECT failed_logins FROM users WHERE name = 'monitor'")[0][0]);
        await FailAsync(1);

        Assert.True(await LockedAsync());
        (await Client("monitor", Password).GetJsonAsync("/api/cluster")).AssertError(HttpStatusCode.Unauthorized, "6");
        Assert.Equal("2030-01-01T00:10:00.0000000Z", StoreProbe.Rows(factory.DataDir, "SELECT locked_until FROM users WHERE name = 'monitor'")[0][0]);
        clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        Assert.False(await LockedAsync());
        (await Client("monitor", Password).GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_success_forgets_earlier_failures()
    {
        (await Admin.PostJsonAsync("/api/security/accounts", new { name = "monitor", role = new { name = "readonly" }, password = Password })).AssertStatus(HttpStatusCode.Created);

        await FailAsync(2);
        (await Client("monitor", Password).GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        await FailAsync(2);

        Assert.False(await LockedAsync());
        Assert.Equal(2L, StoreProbe.Rows(factory.DataDir, "SELECT failed_logins FROM users WHERE name = 'monitor'")[0][0]);
    }

    [Fact]
    public async Task An_admin_unlocks_with_PATCH_locked_false_and_locks_with_locked_true()
    {
        (await Admin.PostJsonAsync("/api/security/accounts", new { name = "monitor", role = new { name = "readonly" }, password = Password })).AssertStatus(HttpStatusCode.Created);
        var monitor = Client("monitor", Password);
        (await monitor.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK); // remembered by the node
        await FailAsync(3);
        Assert.True(await LockedAsync());
        (await monitor.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized); // the remembered credential went with the lock

        (await Admin.PatchJsonAsync($"/api/security/accounts/{ClusterUuid}/monitor", new { locked = false })).AssertStatus(HttpStatusCode.OK);

        Assert.False(await LockedAsync());
        Assert.Equal([0L, null, 0L], StoreProbe.Rows(factory.DataDir, "SELECT failed_logins, locked_until, admin_locked FROM users WHERE name = 'monitor'")[0]);
        (await monitor.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);

        (await Admin.PatchJsonAsync($"/api/security/accounts/{ClusterUuid}/monitor", new { locked = true })).AssertStatus(HttpStatusCode.OK);
        Assert.True(await LockedAsync());
        Assert.Equal(1L, StoreProbe.Rows(factory.DataDir, "SELECT admin_locked FROM users WHERE name = 'monitor'")[0][0]);
        (await monitor.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
        clock.Advance(TimeSpan.FromDays(30));
        (await monitor.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized); // an administrator's lock does not expire
    }

    [Fact]
    public async Task Wrong_passwords_for_an_unknown_name_store_nothing()
    {
        _ = Admin;
        var before = StoreProbe.Rows(factory.DataDir, "SELECT name, failed_logins FROM users ORDER BY name");

        for (var i = 0; i < 5; i++)
        {
            (await Client("nobody", "guess-" + i).GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.Unauthorized);
        }

        Assert.Equal(before, StoreProbe.Rows(factory.DataDir, "SELECT name, failed_logins FROM users ORDER BY name"));
    }
}
