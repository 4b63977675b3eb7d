using System.Text;

namespace Keyhold.Tests.Api.Hostile.Fuzz;

/// <summary>The raw material of hostile input: values, names and bytes that have broken REST services before.</summary>
public static class Hostile
{
    /// <summary>Query and path values, already percent-encoded where they must be.</summary>
    public static readonly string[] Values =
    [
        "", "*", "**", "!", "!null", "null", "|", "a|b", string.Join("|", Enumerable.Repeat("a", 1200)), "<5", ">=x", "1..9", "9..1", "..",
        "true", "false", "0", "-1", "2147483648", "99999999999999999999999999", "1e999", "-0", "NaN", "%00", "%ff%fe", "%ed%a0%80", "%c3%28",
        "%zz", "%", "%2F", "%2e%2e%2f", "..%2f..%2fetc", "%27%20OR%201%3D1--", "%22%3B%20DROP%20TABLE%20keys%3B--", "*%5C*", "name%20desc",
        "uuid%20asc%20desc", "fields", "**.**", "a.b.c.d.e.f.g", new string('x', 5000), "%E2%80%AE", "%F0%9F%94%91", "00000000-0000-0000-0000-000000000000",
        "vs1", "admin", "onboard", "encrypted", "%0d%0aX-Injected:%201", "{}", "[]",
    ];

    /// <summary>Query parameter names: ONTAP's own, field names of the resources, and nonsense.</summary>
    public static readonly string[] Names =
    [
        "fields", "order_by", "max_records", "return_records", "return_timeout", "name", "uuid", "state", "svm.name", "svm.uuid",
        "encryption.enabled", "encryption.state", "encryption.key_id", "onboard.enabled", "scope", "role", "node.uuid", "key_id", "size",
        "comment", "start_time", "message", "code", "_links", "records", "num_records", "**", "x", "%00", "fields%5B%5D", "a.b", new string('n', 2000),
    ];

    /// <summary>Field names for JSON bodies (no account password: a fuzzed password change would lock the fuzzer out).</summary>
    public static readonly string[] Fields =
    [
        "name", "uuid", "svm", "encryption", "enabled", "onboard", "passphrase", "existing_passphrase", "synchronize", "external", "servers",
        "server", "timeout", "username", "client_certificate", "server_ca_certificates", "certificate", "private_key", "type", "common_name",
        "role", "applications", "application", "authentication_methods", "comment", "locked", "size", "state", "rekey", "key_id", "_links",
        "records", "node", "policy", "scope", "expiry_time", "owner", "secondary_key_servers", "", "\u0000", "a.b", "svm.name", "encryption.enabled",
    ];

    /// <summary>Bodies that are valid or nearly so for some route: the seeds that mutations start from.</summary>
    public static readonly string[] Seeds =
    [
        """{"name":"fz","svm":{"name":"vs1"},"encryption":{"enabled":true}}""",
        """{"name":"fz","svm.name":"vs1","size":1073741824}""",
        """{"encryption":{"rekey":true}}""",
        """{"onboard":{"passphrase":"a fuzzed passphrase of enough length 0123456789"}}""",
        """{"onboard":{"existing_passphrase":"wrong passphrase of enough length 01234","passphrase":"another passphrase of enough length 0123"}}""",
        """{"external":{"servers":[{"server":"127.0.0.1:1"}]}}""",
        """{"server":"127.0.0.1:5696","timeout":5}""",
        """{"name":"fz-svm"}""",
        """{"name":"fzuser","role":"readonly","applications":[{"application":"http","authentication_methods":["password"]}]}""",
        """{"locked":true}""",
        """{"comment":"fz"}""",
        """{"type":"server_ca","public_certificate":"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"}""",
        """{"records":[{"name":"a"},{"name":"b"}]}""",
        """{}""", """[]""", """null""", "",
    ];

    /// <summary>Byte sequences that are not valid UTF-8, or encode what JSON readers choke on.</summary>
    public static readonly byte[][] BadBytes =
    [
        [0xFF], [0xFE, 0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x00], [0xEF, 0xBB, 0xBF],
        Encoding.ASCII.GetBytes("\\ud800"), Encoding.ASCII.GetBytes("\\udfff\\ud800"), Encoding.ASCII.GetBytes("\\u0000"),
        Encoding.ASCII.GetBytes("1e99999"), Encoding.ASCII.GetBytes("123456789012345678901234567890123456789"), Encoding.ASCII.GetBytes("-"),
        Encoding.ASCII.GetBytes("\"\\"), Encoding.ASCII.GetBytes("{\"a\":"), Encoding.ASCII.GetBytes("]]]]"), Encoding.ASCII.GetBytes("/*x*/"),
    ];
}
