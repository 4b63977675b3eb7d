using System.Net;
using Keyhold.Tests.External;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>
/// A key server's KMIP credential being set needs both halves: a password with no username is 65536845, a new username with
/// no password 65536846, and nothing changes. Removing the password alone stays allowed.
/// </summary>
public sealed class KeyServerCredentialTests : IDisposable
{
    private readonly ExternalHost host = new();

    private object?[] Stored() => StoreProbe.Rows(host.DataDir, "SELECT username, wrapped_password FROM key_servers").Single();

    [SkippableFact]
    public async Task A_password_needs_a_username_and_a_username_a_password()
    {
        var uuid = await host.CreateOnAsync(KmipPeers.A);
        var server = $"{ExternalHost.Managers}/{uuid}/key-servers/{KmipPeers.A.Server}";

        (await host.Admin.PatchJsonAsync(server, new { password = "SECRET-kmip-password" }))
            .AssertError(HttpStatusCode.BadRequest, "65536845", "Missing username.", "username");
        (await host.Admin.PatchJsonAsync(server, new { username = "kmip-user" }))
            .AssertError(HttpStatusCode.BadRequest, "65536846", "Missing password.", "password");
        Assert.Equal(["", null], Stored());

        (await host.Admin.PatchJsonAsync(server, new { username = "kmip-user", password = "SECRET-kmip-password" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal("kmip-user", Stored()[0]);
        var wrapped = Stored()[1];
        Assert.NotNull(wrapped);

        // A new username keeps the stored password; removing the password alone is allowed, and then a new username is not.
        (await host.Admin.PatchJsonAsync(server, new { username = "other-user" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["other-user", wrapped], Stored());
        (await host.Admin.PatchJsonAsync(server, new { password = "" })).AssertStatus(HttpStatusCode.OK);
        Assert.Equal(["other-user", null], Stored());
        (await host.Admin.PatchJsonAsync(server, new { username = "third-user" })).AssertError(HttpStatusCode.BadRequest, "65536846");
        Assert.Equal(["other-user", null], Stored());
    }

    public void Dispose() => host.Dispose();
}
