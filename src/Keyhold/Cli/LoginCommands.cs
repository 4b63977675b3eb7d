using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>
/// `security login create | show | modify | delete | lock | unlock | password`, ONTAP's verbs over
/// /api/security/accounts and /api/security/authentication/password. Passwords are typed (twice at a terminal) or read
/// as one line of standard input, never options. -vserver is the owner: the cluster's name (or none) for a cluster account.
/// </summary>
public static class LoginCommands
{
    public const string Path = "/api/security/accounts";

    public static Command Create(CliOptions options, CliIo io)
    {
        var (vserver, user) = Identity(required: true);
        var application = Remote.Option<string?>("application", "http (default), ontapi, ssh, console, ...");
        var method = Remote.Option<string?>("authentication-method", "password (default) or cert");
        var role = Remote.Option<string?>("role", "admin, readonly, vsadmin or vsadmin-readonly");
        var comment = Remote.Option<string?>("comment", "A comment");
        var command = new Command("create", "Create a login; its password is read as `security login password` reads it") { vserver, user, application, method, role, comment };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var name = parse.GetValue(user)!;
            var authentication = Method(parse.GetValue(method));
            var body = new JsonObject
            {
                ["name"] = name,
                ["applications"] = new JsonArray(new JsonObject
                {
                    ["application"] = parse.GetValue(application) ?? "http",
                    ["authentication_methods"] = new JsonArray(authentication),
                }),
            };
            if (await OwnerAsync(client, parse.GetValue(vserver)) is { } svm)
            {
                body["owner"] = new JsonObject { ["name"] = svm };
            }
            if (parse.GetValue(role) is { } r)
            {
                body["role"] = new JsonObject { ["name"] = r };
            }
            if (parse.GetValue(comment) is { } c)
            {
                body["comment"] = c;
            }
            if (authentication == "password")
            {
                body["password"] = Secrets.ReadNew(io, $"New password for {name}");
            }
            var answer = await client.SendAsync(HttpMethod.Post, Path, body);
            output.Done($"The login \"{name}\" is created.", answer);
        });
    }

    public static Command Show(CliOptions options, CliIo io)
    {
        var (vserver, user) = Identity(required: false);
        var command = new Command("show", "Show the logins") { vserver, user };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var cluster = await KeyManagers.ClusterNameAsync(client);
            var records = await client.RecordsAsync(Path, ("fields", "owner,name,role,applications,locked"),
                ("owner.name", parse.GetValue(vserver)), ("name", parse.GetValue(user)));
            var rows = new List<string?[]>();
            foreach (var account in records)
            {
                foreach (var app in account["applications"]?.AsArray() ?? [])
                {
                    rows.Add([
                        Fields.Text(account, "owner.name") ?? cluster, Fields.Text(account, "name"), Fields.Text(app, "application"),
                        string.Join(",", app?["authentication_methods"]?.AsArray().Select(m => m?.GetValue<string>()) ?? []),
                        Fields.Text(account, "role.name"), Fields.Text(account, "locked") == "true" ? "yes" : "no",
                    ]);
                }
            }
            output.Table(records, ["Vserver", "User/Group Name", "Application", "Authentication Method", "Role Name", "Acct Locked"], rows);
        });
    }

    public static Command Modify(CliOptions options, CliIo io)
    {
        var (vserver, user) = Identity(required: true);
        var role = Remote.Option<string?>("role", "The new role");
        var comment = Remote.Option<string?>("comment", "A comment");
        var command = new Command("modify", "Change a login's role or comment") { vserver, user, role, comment };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var body = new JsonObject();
            if (parse.GetValue(role) is { } r)
            {
                body["role"] = new JsonObject { ["name"] = r };
            }
            if (parse.GetValue(comment) is { } c)
            {
                body["comment"] = c;
            }
            var answer = await client.SendAsync(HttpMethod.Patch, await HrefAsync(client, parse.GetValue(vserver), parse.GetValue(user)!), body);
            output.Done($"The login \"{parse.GetValue(user)}\" is modified.", answer);
        });
    }

    public static Command Delete(CliOptions options, CliIo io)
    {
        var (vserver, user) = Identity(required: true);
        var command = new Command("delete", "Delete a login") { vserver, user };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var answer = await client.SendAsync(HttpMethod.Delete, await HrefAsync(client, parse.GetValue(vserver), parse.GetValue(user)!), null);
            output.Done($"The login \"{parse.GetValue(user)}\" is deleted.", answer);
        });
    }

    public static Command Lock(CliOptions options, CliIo io, bool locked)
    {
        var (vserver, user) = Identity(required: true);
        var command = new Command(locked ? "lock" : "unlock", locked ? "Lock a login" : "Unlock a login (also after repeated wrong passwords)") { vserver, user };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var answer = await client.SendAsync(HttpMethod.Patch, await HrefAsync(client, parse.GetValue(vserver), parse.GetValue(user)!), new JsonObject { ["locked"] = locked });
            output.Done($"The login \"{parse.GetValue(user)}\" is {(locked ? "locked" : "unlocked")}.", answer);
        });
    }

    public static Command Password(CliOptions options, CliIo io)
    {
        var user = Remote.Option<string?>("username", "The account (default: the one logged in)");
        var vserver = Remote.Option<string?>("vserver", "Its Vserver, when a cluster admin sets an SVM account's password");
        var command = new Command("password", "Change a login's password (your own, or any as a cluster admin)") { user, vserver };
        return command.Define(options, io, async (parse, client, output) =>
        {
            var name = parse.GetValue(user) ?? client.User ?? throw new CliException(CliExit.Usage, "Name the account with -username.");
            var body = new JsonObject { ["name"] = name };
            if (await OwnerAsync(client, parse.GetValue(vserver)) is { } svm)
            {
                body["owner"] = new JsonObject { ["name"] = svm };
            }
            body["password"] = Secrets.ReadNew(io, $"New password for {name}");
            var answer = await client.SendAsync(HttpMethod.Post, "/api/security/authentication/password", body);
            output.Done($"The password of \"{name}\" is changed.", answer);
        });
    }

    private static (Option<string?> Vserver, Option<string?> User) Identity(bool required) =>
        (Remote.Option<string?>("vserver", "The Vserver that owns the login (the cluster's name, or none, for a cluster login)"),
         Remote.Option<string?>("user-or-group-name", "The login's name", required));

    /// <summary>ONTAP's method names: cert is REST's certificate.</summary>
    private static string Method(string? method) => method switch
    {
        null => "password",
        "cert" => "certificate",
        _ => method,
    };

    /// <summary>The SVM owner to send, or null for the cluster (no -vserver, or the cluster's own name).</summary>
    private static async Task<string?> OwnerAsync(OntapClient client, string? vserver) =>
        vserver is null || vserver == await KeyManagers.ClusterNameAsync(client) ? null : vserver;

    private static async Task<string> HrefAsync(OntapClient client, string? vserver, string name)
    {
        var svm = await OwnerAsync(client, vserver);
        var found = (await client.RecordsAsync(Path, ("name", name), ("scope", svm is null ? "cluster" : "svm"), ("owner.name", svm))).FirstOrDefault()
            ?? throw new CliException(CliExit.OntapError, $"There is no login \"{name}\" for Vserver \"{vserver ?? await KeyManagers.ClusterNameAsync(client)}\".", "4");
        return $"{Path}/{Fields.Text(found, "owner.uuid")}/{Uri.EscapeDataString(name)}";
    }
}
