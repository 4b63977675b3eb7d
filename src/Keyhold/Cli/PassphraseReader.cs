using System.Text;

namespace Keyhold.Cli;

/// <summary>Reads a passphrase: one line from redirected input (scripts), or typed at the terminal without echo.</summary>
public static class PassphraseReader
{
    public static string? Read(TextReader input, TextWriter prompt, bool terminal)
    {
        if (!terminal)
        {
            return input.ReadLine();
        }
        prompt.Write("Enter the Onboard Key Manager passphrase: ");
        var typed = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        prompt.WriteLine();
        return typed.ToString();
    }
}
