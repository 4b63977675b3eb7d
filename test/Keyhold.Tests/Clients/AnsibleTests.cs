using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Clients;

/// <summary>
/// NetApp's Ansible modules (Debian's ansible, netapp.ontap 22.7) against a real keyhold process,
/// unchanged. CI installs ansible and sets KEYHOLD_REQUIRE_ANSIBLE=1; elsewhere the test needs it installed.
/// </summary>
public sealed class AnsibleTests
{
    private const string Playbook = "/usr/bin/ansible-playbook";

    [Fact]
    public async Task Onboard_lifecycle_with_na_ontap_security_key_manager_is_applied_and_idempotent()
    {
        if (!File.Exists(Playbook))
        {
            Assert.True(Environment.GetEnvironmentVariable("KEYHOLD_REQUIRE_ANSIBLE") != "1", "ansible-playbook is required but not installed");
            return;
        }
        using var keyhold = new KeyholdProcess();
        var work = TempDir.Create();
        var results = Path.Combine(work, "results.json");
        await File.WriteAllTextAsync(Path.Combine(work, "inventory.ini"), "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        var vars = new JsonObject
        {
            ["keyhold_port"] = keyhold.Port,
            ["keyhold_password"] = keyhold.Password,
            ["first"] = "ansible-first-passphrase-0123456789",
            ["second"] = "ansible-second-passphrase-0123456789",
            ["results"] = results,
        };
        var run = Process.Start(new ProcessStartInfo(Playbook, ["-i", Path.Combine(work, "inventory.ini"), "-e", vars.ToJsonString(),
            Path.Combine(AppContext.BaseDirectory, "Clients", "ansible", "okm.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ANSIBLE_NOCOLOR"] = "1", ["ANSIBLE_LOCAL_TEMP"] = work, ["HOME"] = work },
        })!;
        var stdout = await run.StandardOutput.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.True(run.ExitCode == 0, stdout + await run.StandardError.ReadToEndAsync());

        var outcome = JsonNode.Parse(await File.ReadAllTextAsync(results))!;
        Assert.True(outcome["create"]!.GetValue<bool>());
        Assert.False(outcome["create_again"]!.GetValue<bool>());
        Assert.True(outcome["change"]!.GetValue<bool>());
        Assert.False(outcome["change_again"]!.GetValue<bool>());
        Assert.True(outcome["sync"]!.GetValue<bool>());
        var record = Assert.Single(outcome["records"]!.AsArray())!;
        Assert.True(record["onboard"]!["enabled"]!.GetValue<bool>());

        // The passphrase really changed: the second one is current, the first is refused.
        var client = keyhold.Client();
        var url = $"/api/security/key-managers/{record["uuid"]}";
        (await client.PatchJsonAsync(url, new { onboard = new { existing_passphrase = "ansible-second-passphrase-0123456789", passphrase = "ansible-second-passphrase-0123456789" } }))
            .AssertError(HttpStatusCode.BadRequest, "65536150");
        (await client.PatchJsonAsync(url, new { onboard = new { existing_passphrase = "ansible-first-passphrase-0123456789", passphrase = "ansible-third-passphrase-0123456789" } }))
            .AssertError(HttpStatusCode.BadRequest, "65536139");
        Assert.DoesNotContain("ansible-first-passphrase", keyhold.Output);
    }
}
