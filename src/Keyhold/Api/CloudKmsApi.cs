using Keyhold.Ontap;

namespace Keyhold.Api;

/// <summary>
/// ONTAP's cloud key managers, refused by name at every path and method beneath them (docs/ontap-versions.md): Keyhold
/// keeps keys onboard or on KMIP key servers, and a client that asks for a cloud key manager learns that, not only
/// that the path is unknown.
/// </summary>
public static class CloudKmsApi
{
    /// <summary>The resources, as ONTAP names them under /api/security.</summary>
    public static readonly string[] Resources = ["azure-key-vaults", "gcp-kms", "aws-kms", "barbican-kms"];

    public static IEndpointRouteBuilder MapCloudKms(this IEndpointRouteBuilder routes)
    {
        foreach (var resource in Resources)
        {
            var path = "/api/security/" + resource;
            RequestDelegate refuse = _ => throw OntapErrors.CloudKmsNotOffered.With(null, path);
            routes.Map(path, refuse);
            routes.Map(path + "/{**rest}", refuse);
        }
        return routes;
    }
}
