using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Hosting;

/// <summary>`keyhold serve` as a user runs it: HTTPS with its own certificate, a generated admin password, SIGTERM.</summary>
public sealed partial class ServeProcessTests
{
    [GeneratedRegex("the password: (\\S+)")]
    private static partial Regex GeneratedPassword();

    [Fact]
    public async Task First_start_prints_a_generated_admin_password_once_serves_https_and_stops_cleanly_on_sigterm()
    {
        var data = TempDir.Create();
        string password;
        using (var first = new KeyholdProcess(data, password: null))
        {
            password = GeneratedPassword().Match(first.Output).Groups[1].Value;
            Assert.True(password.Length >= 20, first.Output);
            using var client = first.Client();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{password}")));
            (await client.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
            Assert.Equal(0, first.Stop());
            Assert.Contains("Application is shutting down", first.Output);
        }
        Assert.True(File.Exists(Path.Combine(data, "tls.crt")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "tls.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "node-key.pem")));

        using var second = new KeyholdProcess(data, password: null);
        Assert.DoesNotContain("the password:", second.Output);
        using var again = second.Client();
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{password}")));
        (await again.GetJsonAsync("/api/cluster")).AssertStatus(HttpStatusCode.OK);
        Assert.DoesNotContain(password, string.Join('\n', File.ReadAllLines(Path.Combine(data, "node.json"))));
    }
}
