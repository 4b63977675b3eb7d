namespace Keyhold.Tests.Support;

/// <summary>Accounts made the way an operator makes them: <c>POST /api/security/accounts</c> as the admin.</summary>
public static class TestAccounts
{
    public static async Task CreateAsync(HttpClient admin, string name, string role, string password) =>
        (await admin.PostJsonAsync("/api/security/accounts", new { name, role = new { name = role }, password }))
            .AssertStatus(System.Net.HttpStatusCode.Created);
}
