using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Keyhold.Tests.Support;

namespace Keyhold.Tests.Clients;

/// <summary>
/// NetApp's Ansible modules (Debian's ansible, netapp.ontap 22.7) against a real keyhold process,
/// unchanged. ./test.sh installs ansible; without it the tests are skipped (failed under KEYHOLD_REQUIRE_ANSIBLE=1).
/// </summary>
public sealed class AnsibleTests
{
    private const string Playbook = Requirements.AnsiblePlaybook;

    /// <summary>Runs a playbook against the process; the playbook writes what it saw to results.json.</summary>
    internal static async Task<JsonNode> RunAsync(KeyholdProcess keyhold, string playbook, JsonObject vars)
    {
        var work = TempDir.Create();
        var results = Path.Combine(work, "results.json");
        await File.WriteAllTextAsync(Path.Combine(work, "inventory.ini"), "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        vars["keyhold_port"] = keyhold.Port;
        vars["keyhold_password"] = keyhold.Password;
        vars["results"] = results;
        var run = Process.Start(new ProcessStartInfo(Playbook, ["-i", Path.Combine(work, "inventory.ini"), "-e", vars.ToJsonString(),
            Path.Combine(AppContext.BaseDirectory, "Clients", "ansible", playbook)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ANSIBLE_NOCOLOR"] = "1", ["ANSIBLE_LOCAL_TEMP"] = work, ["HOME"] = work },
        })!;
        var stdout = await run.StandardOutput.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.True(run.ExitCode == 0, stdout + await run.StandardError.ReadToEndAsync());
        return JsonNode.Parse(await File.ReadAllTextAsync(results))!;
    }

    /// <summary>The releases the module scenarios run at: the oldest Keyhold answers as, and the default (issue 12).</summary>
    public static TheoryData<string?> Releases => new() { "9.7.0", null };

    /// <summary>A keyhold process answering as <paramref name="release"/> (null: the default release).</summary>
    private static KeyholdProcess At(string? release) =>
        new(environment: release is null ? null : new Dictionary<string, string> { ["Keyhold__Ontap__Version"] = release });

    [SkippableTheory]
    [MemberData(nameof(Releases))]
    public async Task Onboard_lifecycle_with_na_ontap_security_key_manager_is_applied_and_idempotent(string? release)
    {
        Requirements.Ansible();
        using var keyhold = At(release);
        var outcome = await RunAsync(keyhold, "okm.yml", new JsonObject
        {
            ["first"] = "ansible-first-passphrase-0123456789",
            ["second"] = "ansible-second-passphrase-0123456789",
        });
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

    [SkippableFact]
    public async Task External_key_manager_with_certificates_installed_by_ansible_is_enabled_idempotently_and_deleted()
    {
        Requirements.Ansible();
        using var keyhold = new KeyholdProcess();
        var peer = KmipPeers.A;
        var dir = TempDir.Create();
        await File.WriteAllTextAsync(Path.Combine(dir, "client.crt"), peer.ClientCertPem);
        await File.WriteAllTextAsync(Path.Combine(dir, "client.key"), peer.ClientKeyPem);
        await File.WriteAllTextAsync(Path.Combine(dir, "ca.crt"), peer.CaPem);

        var outcome = await RunAsync(keyhold, "ekm.yml", new JsonObject
        {
            ["client_cn"] = "kmip-test-client",
            ["client_cert"] = Path.Combine(dir, "client.crt"),
            ["client_key"] = Path.Combine(dir, "client.key"),
            ["ca_a"] = Path.Combine(dir, "ca.crt"),
            ["server_a"] = peer.Server,
        });

        Assert.True(outcome["create"]!.GetValue<bool>());
        Assert.False(outcome["create_again"]!.GetValue<bool>());
        Assert.True(outcome["delete"]!.GetValue<bool>());
        var record = Assert.Single(outcome["records"]!.AsArray())!;
        Assert.Equal(peer.Server, record["external"]!["servers"]![0]!["server"]!.GetValue<string>());
        var certificates = await keyhold.Client().GetJsonAsync("/api/security/certificates?fields=type,common_name");
        Assert.Equal(2, certificates.Body!["num_records"]!.GetValue<int>());
        Assert.Equal(0, (await keyhold.Client().GetJsonAsync("/api/security/key-managers")).Body!["num_records"]!.GetValue<int>());
        Assert.DoesNotContain(peer.ClientKeyPem.Split('\n')[2], keyhold.Output);
    }

    [SkippableTheory]
    [MemberData(nameof(Releases))]
    public async Task Volumes_with_na_ontap_volume_are_created_encrypted_idempotently_converted_resized_and_deleted_with_their_keys(string? release)
    {
        Requirements.Ansible();
        using var keyhold = At(release);
        var client = keyhold.Client();
        (await client.PostJsonAsync("/api/svm/svms", new { name = "vs1" })).AssertStatus(HttpStatusCode.Created);
        var km = await OnboardSetup.EnableAsync(client);

        var outcome = await RunAsync(keyhold, "volume.yml", []);

        Assert.Equal([true, false, true, true, false, true, false, true, false],
            new[] { "create", "create_again", "plain", "encrypt", "encrypt_again", "resize", "resize_again", "delete", "delete_again" }
                .Select(step => outcome[step]!.GetValue<bool>()));
        var records = outcome["records"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>(), r => r!);
        var vol1 = records["vol1"];
        Assert.Equal(2L << 30, vol1["space"]!["size"]!.GetValue<long>());
        Assert.Equal("/vol1", vol1["nas"]!["path"]!.GetValue<string>());
        Assert.Equal("aggr1", vol1["aggregates"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("auto", vol1["tiering"]!["policy"]!.GetValue<string>());

        // The keys are real: vol1's was made at create and went with the volume; vol2 got one through the job Ansible waited on.
        var vol1Key = vol1["encryption"]!["key_id"]!.GetValue<string>();
        Assert.Null(Volumes.VolumeSetup.KeyRow(keyhold.DataDir, vol1Key));
        Assert.Empty(StoreProbe.Rows(keyhold.DataDir, $"SELECT uuid FROM volumes WHERE uuid = '{vol1["uuid"]}'"));
        var vol2 = records["vol2"]["uuid"]!.GetValue<string>();
        var row = Volumes.VolumeSetup.VolumeRow(keyhold.DataDir, vol2);
        Assert.Equal("encrypted", row[4]);
        Assert.Equal(records["vol2"]["encryption"]!["key_id"]!.GetValue<string>(), row[5]);
        var key = Volumes.VolumeSetup.KeyRow(keyhold.DataDir, (string)row[5]!)!;
        Assert.Equal([km, "vek", "vol2"], new[] { key[0], key[1], key[3] });
        Assert.Equal(1, StoreProbe.Count(keyhold.DataDir, "keys"));
        var jobs = (await client.GetJsonAsync("/api/cluster/jobs?fields=state,description")).Body!["records"]!.AsArray();
        var job = Assert.Single(jobs, j => j!["description"]!.GetValue<string>() == $"PATCH /api/storage/volumes/{vol2}")!;
        Assert.Equal("success", job["state"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Accounts_with_na_ontap_user_are_created_locked_promoted_and_deleted_idempotently()
    {
        Requirements.Ansible();
        using var keyhold = new KeyholdProcess();
        var svm = await Volumes.VolumeSetup.SvmAsync(keyhold.Client(), "vs1");
        const string password = "ansible-reader-pass-42";

        var outcome = await RunAsync(keyhold, "user.yml", new JsonObject { ["reader_password"] = password });

        Assert.True(outcome["create"]!.GetValue<bool>());
        Assert.False(outcome["create_again"]!.GetValue<bool>());
        Assert.True(outcome["lock"]!.GetValue<bool>());
        Assert.False(outcome["lock_again"]!.GetValue<bool>());
        Assert.True(outcome["promote"]!.GetValue<bool>());
        Assert.True(outcome["vsadmin"]!.GetValue<bool>());
        Assert.True(outcome["delete"]!.GetValue<bool>());
        Assert.False(outcome["delete_again"]!.GetValue<bool>());
        var reader = Assert.Single(outcome["records"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "ansible_reader")!;
        Assert.Equal("admin", reader["role"]!["name"]!.GetValue<string>());
        Assert.True(reader["locked"]!.GetValue<bool>());

        Assert.Empty(StoreProbe.Rows(keyhold.DataDir, "SELECT name FROM users WHERE name = 'ansible_reader'"));
        Assert.Equal(["vsadmin", svm], StoreProbe.Rows(keyhold.DataDir, "SELECT role, svm_uuid FROM users WHERE name = 'ansible_vsadmin'")[0]);
        using var vsadmin = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = new Uri(keyhold.Url) };
        vsadmin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"ansible_vsadmin:{password}")));
        var svms = await vsadmin.GetJsonAsync("/api/svm/svms");
        Assert.Equal(svm, Assert.Single(svms.Body!["records"]!.AsArray())!["uuid"]!.GetValue<string>());
        Assert.DoesNotContain(password, keyhold.Output);
    }

    [SkippableFact]
    public async Task Certificate_login_with_cert_filepath_and_key_filepath_acts_as_the_account_the_certificate_names()
    {
        Requirements.Ansible();
        using var keyhold = new KeyholdProcess();
        using var pki = new TestPki("Ansible client CA");
        await CertificateAccounts.InstallClientCaAsync(keyhold.Client(), pki);
        await CertificateAccounts.CreateAsync(keyhold.Client(), "ansible_cert", Keyhold.Security.Account.Admin, "certificate");
        var dir = TempDir.Create();
        var (cert, key) = pki.Leaf("ansible_cert");
        await File.WriteAllTextAsync(Path.Combine(dir, "client.crt"), cert);
        await File.WriteAllTextAsync(Path.Combine(dir, "client.key"), key);

        var outcome = await RunAsync(keyhold, "cert.yml", new JsonObject
        {
            ["cert"] = Path.Combine(dir, "client.crt"),
            ["key"] = Path.Combine(dir, "client.key"),
            ["passphrase"] = "ansible-certificate-passphrase-0123456789",
        });

        Assert.True(outcome["create"]!.GetValue<bool>());
        var record = Assert.Single(outcome["records"]!.AsArray())!;
        Assert.True(record["onboard"]!["enabled"]!.GetValue<bool>());
        var admin = keyhold.Client();
        Assert.Equal(1, (await admin.GetJsonAsync("/api/security/key-managers")).Body!["num_records"]!.GetValue<int>());
        await keyhold.Client().GetAsync("/api/cluster");
        var users = new HashSet<string>();
        for (var i = 0; i < 50 && !users.Contains("ansible_cert"); i++, await Task.Delay(100))
        {
            var messages = await admin.GetJsonAsync("/api/security/audit/messages?input=POST*key-managers*&fields=user");
            users = [.. messages.Body!["records"]!.AsArray().Select(r => r!["user"]!.GetValue<string>())];
        }
        Assert.Equal(["ansible_cert"], users);
    }

    [SkippableTheory]
    [MemberData(nameof(Releases))]
    public async Task Svms_with_na_ontap_svm_are_created_modified_and_deleted_idempotently(string? release)
    {
        Requirements.Ansible();
        using var keyhold = At(release);

        var outcome = await RunAsync(keyhold, "svm.yml", []);

        Assert.Equal([true, false, true, false, true, false],
            new[] { "create", "create_again", "modify", "modify_again", "delete", "delete_again" }.Select(step => outcome[step]!.GetValue<bool>()));
        var created = Assert.Single(outcome["after_create"]!.AsArray())!;
        Assert.Equal(["svm1", "made by ansible", "c.utf_8", "default", "Default", "running"],
            new[] { created["name"], created["comment"], created["language"], created["snapshot_policy"]!["name"], created["ipspace"]!["name"], created["state"] }
                .Select(n => n!.GetValue<string>()));
        Assert.Equal(["aggr1"], created["aggregates"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        // Modified in place: the same SVM, with the new comment, aggregates and state.
        var modified = Assert.Single(outcome["after_modify"]!.AsArray())!;
        Assert.Equal(created["uuid"]!.GetValue<string>(), modified["uuid"]!.GetValue<string>());
        Assert.Equal(["changed by ansible", "stopped"], new[] { modified["comment"], modified["state"] }.Select(n => n!.GetValue<string>()));
        Assert.Equal(["aggr1", "aggr2"], modified["aggregates"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        Assert.Equal(0, StoreProbe.Count(keyhold.DataDir, "svms"));
    }

    [SkippableFact]
    public async Task Rest_info_reads_the_cluster_and_its_identity()
    {
        Requirements.Ansible();
        using var keyhold = new KeyholdProcess();
        (await keyhold.Client().PatchJsonAsync("/api/cluster", new { contact = "ops@example.com", location = "lab" })).AssertStatus(HttpStatusCode.OK);

        var info = await RunAsync(keyhold, "cluster_info.yml", []);

        var stored = StoreProbe.Rows(keyhold.DataDir, "SELECT uuid, name, contact, location FROM cluster")[0];
        var identity = info["cluster_identity_info"]!;
        Assert.Equal(stored, new[] { identity["uuid"], identity["name"], identity["contact"], identity["location"] }.Select(n => (object?)n!.GetValue<string>()));
        var cluster = info["cluster"]!;
        Assert.Equal(stored[0], cluster["uuid"]!.GetValue<string>());
        Assert.Null(identity["version"]); // the identity subset asked for its four fields only
        Assert.StartsWith($"NetApp Release {Keyhold.Cluster.OntapOptions.DefaultVersion}", cluster["version"]!["full"]!.GetValue<string>());
    }
}
