using System.CommandLine;

namespace Keyhold.Cli;

/// <summary>The ONTAP-style command tree: ONTAP's verbs over REST, plus the offline `host` group.</summary>
public static class CliCommands
{
    public static IEnumerable<Command> Build(CliIo io)
    {
        var o = new CliOptions();

        var onboard = new Command("onboard", "The Onboard Key Manager")
        {
            OnboardCommands.Enable(o, io), OnboardCommands.UpdatePassphrase(o, io), OnboardCommands.Sync(o, io), OnboardCommands.ShowBackup(o, io),
        };
        // The first spelling, kept for scripts; `keyhold host recover` is the documented one. Not hidden: a hidden
        // command prints no help.
        var legacyRecover = HostCommands.Recover("recover", io);
        legacyRecover.Description = "Same as `keyhold host recover` (offline; the node must be stopped)";
        onboard.Subcommands.Add(legacyRecover);
        var external = new Command("external", "External key management (KMIP key servers)")
        {
            ExternalCommands.Enable(o, io), ExternalCommands.AddServers(o, io), ExternalCommands.RemoveServers(o, io),
            ExternalCommands.ModifyServer(o, io), ExternalShowCommands.Show(o, io), ExternalShowCommands.ShowStatus(o, io),
        };
        var key = new Command("key", "Keys held by the key managers") { KeyQueryCommand.Build(o, io), KeyMigrateCommand.Build(o, io) };
        var config = new Command("config", "The key manager configuration (ONTAP 9.10+)") { ConfigCommands.Show(o, io), ConfigCommands.Modify(o, io) };
        var keyManager = new Command("key-manager", "Key managers: onboard and external")
        {
            KeyManagerCommands.Show(o, io), KeyManagerCommands.ShowKeystore(o, io), KeystoreCommands.Group(o, io), onboard, external, key, config,
        };
        var certificate = new Command("certificate", "Installed certificates")
        {
            CertificateCommands.Install(o, io), CertificateCommands.Show(o, io), CertificateCommands.Delete(o, io),
        };

        var login = new Command("login", "Logins (accounts) and their passwords")
        {
            LoginCommands.Create(o, io), LoginCommands.Show(o, io), LoginCommands.Modify(o, io), LoginCommands.Delete(o, io),
            LoginCommands.Lock(o, io, locked: true), LoginCommands.Lock(o, io, locked: false), LoginCommands.Password(o, io),
        };

        yield return new Command("security", "Key managers, certificates and logins") { keyManager, certificate, login };
        yield return new Command("vserver", "Vservers (SVMs)") { VserverCommands.Show(o, io) };
        yield return new Command("volume", "Volumes") { VolumeCommands.Show(o, io) };
        yield return new Command("job", "Jobs") { JobCommands.Show(o, io) };
        yield return HostCommands.Group(io);
    }
}
