using System.Text.Json.Nodes;

namespace Keyhold.Ontap;

/// <summary>HAL link objects.</summary>
public static class OntapLinks
{
    /// <summary><c>{"self":{"href":href}}</c>.</summary>
    public static JsonObject Self(string href) => new() { ["self"] = Href(href) };

    /// <summary><c>{"href":href}</c>.</summary>
    public static JsonObject Href(string href) => new() { ["href"] = href };

    /// <summary>Instance path under a collection, keys escaped (<c>10.0.0.1:5696</c> becomes <c>10.0.0.1%3A5696</c>).</summary>
    public static string Instance(string collectionPath, params string[] keys) =>
        collectionPath + "/" + string.Join('/', keys.Select(Uri.EscapeDataString));

    /// <summary>The job link of a 202: <c>/api/cluster/jobs/{uuid}</c>.</summary>
    public static string Job(Guid jobUuid) => "/api/cluster/jobs/" + jobUuid.ToString("D");
}
