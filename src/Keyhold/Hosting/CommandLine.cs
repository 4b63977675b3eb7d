using Keyhold.Cli;

namespace Keyhold.Hosting;

/// <summary>
/// `keyhold serve [--urls URL] [--data DIR]` and the ONTAP-style commands. With no command (as when a
/// test host starts the program) it serves.
/// </summary>
public static class CommandLine
{
    public static string Usage => CliUsage.Text;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (args.Length == 0 || args[0] == "serve" || args[0].StartsWith('-'))
        {
            var rest = args.Length > 0 && args[0] == "serve" ? args[1..] : args;
            var (urls, data, hostArgs) = ParseServe(rest);
            await using var app = KeyholdApp.Build(hostArgs, urls, data);
            await app.RunAsync();
            return 0;
        }
        if (args is ["security", "key-manager", "onboard", "recover", .. var recoverArgs])
        {
            return await RecoverCommand.RunAsync(recoverArgs, Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariable, !Console.IsInputRedirected);
        }
        await Console.Error.WriteLineAsync(Usage);
        return 2;
    }

    private static (string? Urls, string? Data, string[] HostArgs) ParseServe(string[] args)
    {
        string? urls = null, data = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--urls" when i + 1 < args.Length:
                    urls = args[++i];
                    break;
                case "--data" when i + 1 < args.Length:
                    data = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        return (urls, data, rest.ToArray());
    }
}
