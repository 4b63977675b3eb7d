namespace Keyhold.Tests.Support;

/// <summary>
/// The outside programs some tests need: PyKMIP, Ansible, PostgreSQL. `./test.sh` installs and starts them; where
/// one is missing its tests report Skipped with the reason (they are [SkippableFact]), never Passed, and fail instead
/// when the matching KEYHOLD_REQUIRE_* is 1, as CI sets it.
/// </summary>
public static class Requirements
{
    public const string PyKmipServer = "/usr/bin/pykmip-server";
    public const string AnsiblePlaybook = "/usr/bin/ansible-playbook";

    public static void Ansible() =>
        Need(File.Exists(AnsiblePlaybook), "KEYHOLD_REQUIRE_ANSIBLE", $"Ansible is not installed ({AnsiblePlaybook}): run ./test.sh, or apt-get install ansible python3-requests.");

    /// <summary>The Npgsql connection string of the test server (KEYHOLD_TEST_POSTGRES), which ./test.sh starts.</summary>
    public static string Postgres()
    {
        var server = Environment.GetEnvironmentVariable("KEYHOLD_TEST_POSTGRES");
        Need(!string.IsNullOrEmpty(server), "KEYHOLD_REQUIRE_POSTGRES",
            "PostgreSQL is not available: run ./test.sh (it starts a private cluster), or set KEYHOLD_TEST_POSTGRES to an Npgsql connection string.");
        return server!;
    }

    /// <summary>PostgreSQL's server programs (initdb, pg_ctl) are installed, for tests that run a cluster of their own.</summary>
    public static void PostgresPrograms(bool present) =>
        Need(present, "KEYHOLD_REQUIRE_POSTGRES", "PostgreSQL's server programs are not installed (/usr/lib/postgresql/*/bin/initdb): run ./test.sh, or apt-get install postgresql.");

    /// <summary>PyKMIP servers can be started: the start scripts are there and PyKMIP is installed.</summary>
    public static void PyKmip(string scripts) =>
        Need(File.Exists(Path.Combine(scripts, "start.sh")) && File.Exists(PyKmipServer), "KEYHOLD_REQUIRE_KMIP",
            $"PyKMIP cannot be started (needs {PyKmipServer} and {Path.Combine(scripts, "start.sh")}): run ./test.sh, or apt-get install python3-pykmip.");

    /// <summary>PyKMIP's own client library (python3-pykmip) for /usr/bin/python3.</summary>
    public static void PyKmipClient() =>
        Need(File.Exists("/usr/lib/python3/dist-packages/kmip/pie/client.py") && File.Exists("/usr/bin/python3"), "KEYHOLD_REQUIRE_KMIP",
            "PyKMIP's client is not installed (/usr/lib/python3/dist-packages/kmip/pie/client.py): run ./test.sh, or apt-get install python3-pykmip.");

    private static void Need(bool present, string require, string reason)
    {
        if (!present && Environment.GetEnvironmentVariable(require) == "1")
        {
            Assert.Fail($"{require}=1: {reason}");
        }
        Skip.IfNot(present, reason);
    }
}
