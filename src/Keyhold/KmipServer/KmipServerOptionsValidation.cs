using Microsoft.Extensions.Options;

namespace Keyhold.KmipServer;

/// <summary>Checked at start, so a bad setting stops the node with its name instead of failing on the first client.</summary>
public sealed class KmipServerOptionsValidation : IValidateOptions<KmipServerOptions>
{
    public ValidateOptionsResult Validate(string? name, KmipServerOptions options)
    {
        var failures = new List<string>();
        if (options.Endpoint is not null)
        {
            try
            {
                options.ParseEndpoint();
            }
            catch (FormatException e)
            {
                failures.Add(e.Message);
            }
        }

        if (options.MaxMessageSize is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add("Keyhold:Kmip:MaxMessageSize must be between 1024 and 67108864 bytes.");
        }

        if (options.MaxConnections < 1)
        {
            failures.Add("Keyhold:Kmip:MaxConnections must be at least 1.");
        }

        if (options.IdleTimeout <= TimeSpan.Zero || options.ReadTimeout <= TimeSpan.Zero)
        {
            failures.Add("Keyhold:Kmip:IdleTimeout and ReadTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
