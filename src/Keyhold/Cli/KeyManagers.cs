using System.Text.Json.Nodes;

namespace Keyhold.Cli;

/// <summary>Finding key managers as ONTAP's CLI names them: by Vserver, where the cluster's own Vserver is the cluster's name.</summary>
public static class KeyManagers
{
    public const string Path = "/api/security/key-managers";

    public static async Task<string> ClusterNameAsync(OntapClient client) =>
        Fields.Text(await client.SendAsync(HttpMethod.Get, "/api/cluster?fields=name", null), "name") ?? "cluster";

    /// <summary>The key managers, filtered by Vserver when one is given (the cluster's name selects the cluster scope).</summary>
    public static async Task<List<JsonObject>> ListAsync(OntapClient client, string clusterName, string? vserver, string fields)
    {
        var (scope, svm) = Scope(clusterName, vserver);
        return await client.RecordsAsync(Path, ("fields", fields), ("scope", scope), ("svm.name", svm));
    }

    public static string Vserver(JsonObject km, string clusterName) => Fields.Text(km, "svm.name") ?? clusterName;

    public static bool IsOnboard(JsonObject km) => km["onboard"] is not null;

    /// <summary>The one onboard key manager (the cluster's), or ONTAP's complaint that there is none.</summary>
    public static async Task<JsonObject> OnboardAsync(OntapClient client, string fields = "onboard.enabled")
    {
        var onboard = (await client.RecordsAsync(Path, ("fields", fields), ("onboard.enabled", "true"))).FirstOrDefault();
        return onboard ?? throw new CliException(CliExit.OntapError, "The Onboard Key Manager is not enabled.");
    }

    /// <summary>The external key manager of a Vserver.</summary>
    public static async Task<JsonObject> ExternalAsync(OntapClient client, string? vserver)
    {
        var cluster = await ClusterNameAsync(client);
        var found = (await ListAsync(client, cluster, vserver, "scope,svm.name,onboard.enabled,external")).FirstOrDefault(km => !IsOnboard(km));
        return found ?? throw new CliException(CliExit.OntapError, $"External key management is not enabled for Vserver \"{vserver ?? cluster}\".");
    }

    public static string Uuid(JsonObject km) => Fields.Text(km, "uuid")!;

    private static (string? Scope, string? Svm) Scope(string clusterName, string? vserver) =>
        vserver is null ? (null, null) : vserver == clusterName ? ("cluster", null) : (null, vserver);
}
