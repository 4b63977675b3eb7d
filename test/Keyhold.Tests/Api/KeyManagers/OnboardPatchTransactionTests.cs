using System.Net;
using Keyhold.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Keyhold.Tests.Api.KeyManagers;

/// <summary>A PATCH with onboard and is_default_data_at_rest_encryption_disabled lands whole or not at all.</summary>
public sealed class OnboardPatchTransactionTests : IDisposable
{
    private readonly KeyholdFactory factory = new();

    [Fact]
    public async Task When_the_flag_cannot_be_written_the_passphrase_change_is_not_committed_either()
    {
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);
        var before = StoreProbe.Rows(factory.DataDir, "SELECT wrapped_root, kdf FROM onboard")[0];
        Execute("CREATE TRIGGER refuse_dare BEFORE UPDATE OF dare_disabled ON key_managers BEGIN SELECT RAISE(ABORT, 'refused'); END");

        var result = await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", new
        {
            onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other },
            is_default_data_at_rest_encryption_disabled = true,
        });

        result.AssertStatus(HttpStatusCode.InternalServerError);
        var after = StoreProbe.Rows(factory.DataDir, "SELECT wrapped_root, kdf FROM onboard")[0];
        Assert.Equal((byte[])before[0]!, (byte[])after[0]!);
        Assert.Equal((byte[])before[1]!, (byte[])after[1]!);
        Execute("DROP TRIGGER refuse_dare");
        // The old passphrase still opens the hierarchy.
        (await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", new { onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other } }))
            .AssertStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task When_the_passphrase_part_fails_the_flag_does_not_change()
    {
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);

        var result = await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", new
        {
            onboard = new { existing_passphrase = "this is not the passphrase, but long enough", passphrase = OnboardSetup.Other },
            is_default_data_at_rest_encryption_disabled = true,
        });

        result.AssertError(HttpStatusCode.BadRequest, "65536139", "Cluster-wide passphrase is incorrect.", "onboard.existing_passphrase");
        Assert.Equal(0L, StoreProbe.Rows(factory.DataDir, "SELECT dare_disabled FROM key_managers")[0][0]);
    }

    [Fact]
    public async Task Both_parts_land_together()
    {
        var client = factory.Admin();
        var uuid = await OnboardSetup.EnableAsync(client);
        var before = StoreProbe.Rows(factory.DataDir, "SELECT wrapped_root FROM onboard")[0];

        (await client.PatchJsonAsync($"/api/security/key-managers/{uuid}", new
        {
            onboard = new { existing_passphrase = OnboardSetup.Passphrase, passphrase = OnboardSetup.Other },
            is_default_data_at_rest_encryption_disabled = true,
        })).AssertStatus(HttpStatusCode.OK);

        Assert.Equal(1L, StoreProbe.Rows(factory.DataDir, "SELECT dare_disabled FROM key_managers")[0][0]);
        Assert.NotEqual((byte[])before[0]!, (byte[])StoreProbe.Rows(factory.DataDir, "SELECT wrapped_root FROM onboard")[0][0]!);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDir, "keyhold.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => factory.Dispose();
}
