using System.Text;

namespace Keyhold.Tests.Api.Hostile.Fuzz;

/// <summary>One generated request: what FsCheck prints when a property fails, so it must read well.</summary>
public sealed record FuzzRequest(string Method, string Target, byte[]? Body, string? ContentType)
{
    public override string ToString()
    {
        var body = Body is null ? "" : " body " + (Body.Length > 300 ? $"({Body.Length} bytes) " : "") + Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
        return $"{Method} {(Target.Length > 300 ? Target[..300] + $"... ({Target.Length} chars)" : Target)} [{ContentType}]{body}";
    }
}
