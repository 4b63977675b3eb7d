namespace Keyhold.Cli;

/// <summary>A failure the CLI reports in one line and turns into an exit code (see <see cref="CliExit"/>).</summary>
public sealed class CliException(int exitCode, string message, string? code = null, string? target = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>ONTAP's error code, when the node sent one.</summary>
    public string? Code { get; } = code;

    public string? Target { get; } = target;

    /// <summary>As ONTAP prints a failed command: "Error: message", here followed by the code scripts can match on.</summary>
    public string Render()
    {
        if (Code is null)
        {
            return "Error: " + Message;
        }
        return Target is { Length: > 0 }
            ? $"Error: {Message} (code {Code}, target {Target})"
            : $"Error: {Message} (code {Code})";
    }
}
