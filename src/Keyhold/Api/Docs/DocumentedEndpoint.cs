using Keyhold.Ontap;

namespace Keyhold.Api.Docs;

/// <summary>One (path, method) the application maps, with the schema that validates it when it has one.</summary>
/// <param name="Path">The OpenAPI path, e.g. "/api/security/key-managers/{uuid}".</param>
/// <param name="Method">Upper-case HTTP method.</param>
public sealed record DocumentedEndpoint(string Path, string Method, ResourceSchema? Schema, EndpointRole Role)
{
    /// <summary>The route's own parameter names, in path order.</summary>
    public IReadOnlyList<string> PathParameters => RoutePaths.Parameters(Path);
}
