using Keyhold.Ontap;

namespace Keyhold.Api.Ontap;

public static class OntapApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the ONTAP error middleware: <see cref="OntapException"/> → its envelope; bad request bodies → 400 262185;
    /// anything else → 500 with a generic message (the log gets the exception type and stack trace only).
    /// </summary>
    public static IApplicationBuilder UseOntapErrors(this IApplicationBuilder app) => app.UseMiddleware<OntapErrorMiddleware>();
}
