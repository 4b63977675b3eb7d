using System.CommandLine;
using Keyhold.Security;
using Keyhold.Storage;

namespace Keyhold.Cli;

/// <summary>
/// `keyhold host reset-password [-user NAME] [--data DIR]`: sets an account's password in a stopped node's SQLite store,
/// for the operator who lost the admin password (with a working one, change it over REST instead). It also lifts
/// any lock on the account (an administrator's or the login policy's), since a locked-out admin is the usual reason. The new password
/// is typed twice without echo, or read from standard input; never an option. An absent store is an error: this command
/// never creates a data folder.
/// </summary>
public static class ResetPasswordCommand
{
    public static Command Build(CliIo io)
    {
        var user = new Option<string>("-user", "--user") { Description = "The account (default admin)", DefaultValueFactory = _ => Account.Admin };
        var data = new Option<string>("--data") { Description = "The stopped node's data folder (default ./data)", DefaultValueFactory = _ => OfflineRecovery.DefaultDataDir };
        var command = new Command("reset-password", "Set an account's password in a stopped node's data folder (SQLite store)") { user, data };
        command.SetAction(async parse =>
        {
            try
            {
                var name = parse.GetValue(user)!;
                var file = Path.Combine(parse.GetValue(data)!, "keyhold.db");
                if (!File.Exists(file))
                {
                    throw new CliException(CliExit.OntapError, $"{file} does not exist: give the node's data folder with --data.");
                }
                using var store = new SqliteStore(file);
                var accounts = new AccountRepository(store);
                var found = await accounts.FindAsync(name, CancellationToken.None)
                    ?? throw new CliException(CliExit.OntapError, $"There is no account \"{name}\".");
                var password = Secrets.ReadNew(io, $"New password for {name}");
                if (password.Length == 0)
                {
                    throw new CliException(CliExit.Usage, "The password is empty.");
                }
                await accounts.ResetPasswordAsync(found.Account.Name, password);
                await io.Out.WriteLineAsync($"The password of \"{name}\" is reset.");
                return CliExit.Ok;
            }
            catch (CliException e)
            {
                await io.Error.WriteLineAsync(e.Render());
                return e.ExitCode;
            }
        });
        return command;
    }
}
