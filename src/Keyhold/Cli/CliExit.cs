namespace Keyhold.Cli;

/// <summary>The CLI's exit codes, so scripts can tell a refused request from a typo and from a node they cannot reach.</summary>
public static class CliExit
{
    public const int Ok = 0;

    /// <summary>The node answered with an ONTAP error (or a job failed).</summary>
    public const int OntapError = 1;

    /// <summary>The command line was wrong: unknown verb or option, missing value.</summary>
    public const int Usage = 2;

    /// <summary>No answer from the node, its certificate is not trusted, or the credentials were refused.</summary>
    public const int CannotConnect = 3;
}
