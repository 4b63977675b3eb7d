using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>
/// `security certificate install | show | delete`. install reads the PEMs as ONTAP prompts for them: pasted at the
/// terminal (each ended by an empty line), or all of standard input; a private key is a secret and never an option.
/// </summary>
public static class CertificateCommands
{
    public const string Path = "/api/security/certificates";

    public static Command Install(CliOptions options, CliIo io)
    {
        var type = Remote.Option<string>("type", "client, server_ca, client_ca, server or root_ca", required: true);
        var vserver = Remote.Option<string?>("vserver", "The Vserver (none for the cluster)");
        var name = Remote.Option<string?>("cert-name", "A name for the certificate");
        var command = new Command("install", "Install a certificate read from standard input (PEM; with its private key for client and server)") { type, vserver, name };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var pems = ReadPems(io, parse.GetValue(type) is "client" or "server");
            var certificates = pems.Where(p => p.Label == "CERTIFICATE").Select(p => p.Text).ToList();
            if (certificates.Count == 0)
            {
                throw new CliException(CliExit.Usage, "No certificate (-----BEGIN CERTIFICATE-----) was read from standard input.");
            }
            var body = new JsonObject { ["type"] = parse.GetValue(type), ["public_certificate"] = certificates[0] };
            if (certificates.Count > 1)
            {
                body["intermediate_certificates"] = new JsonArray([.. certificates.Skip(1).Select(c => (JsonNode?)JsonValue.Create(c))]);
            }
            if (pems.FirstOrDefault(p => p.Label.EndsWith("PRIVATE KEY", StringComparison.Ordinal)) is { } key)
            {
                body["private_key"] = key.Text;
            }
            if (parse.GetValue(name) is { } n)
            {
                body["name"] = n;
            }
            if (parse.GetValue(vserver) is { } svm && svm != await KeyManagers.ClusterNameAsync(client))
            {
                body["svm"] = new JsonObject { ["name"] = svm };
            }
            var answer = await client.SendAsync(HttpMethod.Post, Path + "?return_records=true", body);
            output.Done($"The certificate {Fields.Text(answer?["records"]?[0], "name")} is installed.", answer);
        });
    }

    public static Command Show(CliOptions options, CliIo io)
    {
        var (vserver, name, commonName, type, serial) = Filters();
        var command = new Command("show", "Show the installed certificates") { vserver, name, commonName, type, serial };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var cluster = await KeyManagers.ClusterNameAsync(client);
            var records = await FindAsync(client, parse, cluster, vserver, name, commonName, type, serial);
            output.Table(records, ["Vserver", "Name", "Type", "Common Name", "Serial Number", "CA", "Expiration"], c =>
            [
                Fields.Text(c, "svm.name") ?? cluster,
                Fields.Text(c, "name"),
                Fields.Text(c, "type"),
                Fields.Text(c, "common_name"),
                Fields.Text(c, "serial_number"),
                Fields.Text(c, "ca"),
                Fields.Text(c, "expiry_time"),
            ]);
        });
    }

    public static Command Delete(CliOptions options, CliIo io)
    {
        var (vserver, name, commonName, type, serial) = Filters();
        var command = new Command("delete", "Delete one installed certificate, chosen by its name or by common name, type and serial") { vserver, name, commonName, type, serial };
        return command.Define(options, io, async (parse, client, output) =>
        {
            if (parse.GetValue(name) is null && parse.GetValue(commonName) is null && parse.GetValue(serial) is null)
            {
                throw new CliException(CliExit.Usage, "Name the certificate: -cert-name, or -common-name with -type and -serial.");
            }
            var cluster = await KeyManagers.ClusterNameAsync(client);
            var found = await FindAsync(client, parse, cluster, vserver, name, commonName, type, serial);
            if (found.Count != 1)
            {
                throw new CliException(CliExit.OntapError, found.Count == 0
                    ? "There are no entries matching your query."
                    : $"{found.Count} certificates match; add -type, -serial or -cert-name to choose one.");
            }
            await client.SendAsync(HttpMethod.Delete, $"{Path}/{Fields.Text(found[0], "uuid")}", null);
            output.Done($"The certificate {Fields.Text(found[0], "name")} is deleted.", null);
        });
    }

    private static (Option<string?>, Option<string?>, Option<string?>, Option<string?>, Option<string?>) Filters() =>
    (
        Remote.Option<string?>("vserver", "The Vserver (the cluster's name for the cluster)"),
        Remote.Option<string?>("cert-name", "The certificate's name"),
        Remote.Option<string?>("common-name", "The certificate's common name"),
        Remote.Option<string?>("type", "client, server_ca, client_ca, server or root_ca"),
        Remote.Option<string?>("serial", "The serial number (hexadecimal)")
    );

    private static Task<List<JsonObject>> FindAsync(OntapClient client, ParseResult parse, string cluster, Option<string?> vserver,
        Option<string?> name, Option<string?> commonName, Option<string?> type, Option<string?> serial)
    {
        var svm = parse.GetValue(vserver);
        return client.RecordsAsync(Path, ("fields", "name,scope,svm.name,type,common_name,serial_number,ca,expiry_time"),
            ("scope", svm == cluster ? "cluster" : null), ("svm.name", svm == cluster ? null : svm),
            ("name", parse.GetValue(name)), ("common_name", parse.GetValue(commonName)), ("type", parse.GetValue(type)), ("serial_number", parse.GetValue(serial)));
    }

    private static List<(string Label, string Text)> ReadPems(CliIo io, bool withKey)
    {
        string text;
        if (io.Terminal)
        {
            var typed = new StringBuilder(ReadUntilEmptyLine(io, "Please enter Certificate: Press <Enter> when done"));
            if (withKey)
            {
                typed.Append(ReadUntilEmptyLine(io, "Please enter Private Key: Press <Enter> when done"));
            }
            text = typed.ToString();
        }
        else
        {
            text = io.In.ReadToEnd();
        }
        return Pem.Blocks(text);
    }

    private static string ReadUntilEmptyLine(CliIo io, string prompt)
    {
        io.Error.WriteLine(prompt);
        var text = new StringBuilder();
        while (io.In.ReadLine() is { Length: > 0 } line)
        {
            text.AppendLine(line);
        }
        return text.ToString();
    }
}
