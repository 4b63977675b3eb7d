using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Keyhold.Api.Docs;

/// <summary>Turns route patterns into OpenAPI paths, and paths into shapes that ignore parameter names.</summary>
public static partial class RoutePaths
{
    /// <summary>"/api/x/{uuid:guid}/" → "/api/x/{uuid}": constraints dropped, no trailing slash (ONTAP paths have none).</summary>
    public static string OpenApiPath(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                    _ => "",
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }

    /// <summary>
    /// "/api/security/key-managers/{security_key_manager.uuid}/keys" → "/api/security/key-managers/{}/keys":
    /// schemas name their path parameters after ONTAP's documentation, routes after the handler's arguments.
    /// </summary>
    public static string Shape(string path) => Parameter().Replace(path, "{}").TrimEnd('/') is { Length: > 0 } shape ? shape : "/";

    /// <summary>The parameter names of a path, in order ("security_key_manager.uuid", "node.uuid").</summary>
    public static IReadOnlyList<string> Parameters(string path) => [.. Parameter().Matches(path).Select(m => m.Value[1..^1])];

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
