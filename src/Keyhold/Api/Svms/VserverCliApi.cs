using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Cluster;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;

namespace Keyhold.Api.Svms;

/// <summary>
/// GET /api/private/cli/vserver: the CLI's <c>vserver show</c> over REST. Below 9.9.1, /api/svm/svms has no
/// <c>allowed_protocols</c>, so Ansible's na_ontap_svm reads it here for every SVM that exists, and fails without it.
/// An SVM's allowed protocols are the ones it was created with enabled: Keyhold serves none of them.
/// </summary>
public static class VserverCliApi
{
    private const string Vserver = "vserver", AllowedProtocols = "allowed_protocols";

    public static RouteHandlerBuilder MapVserverCli(this IEndpointRouteBuilder routes) => routes.MapGet("/api/private/cli/vserver", ShowAsync);

    private static async Task<IResult> ShowAsync(HttpContext http, SvmRepository svms)
    {
        string? name = null;
        var protocols = false;
        foreach (var (parameter, values) in http.Request.Query)
        {
            var last = values.Count > 0 ? values[^1] ?? "" : "";
            if (parameter == Vserver)
                name = last;
            else if (parameter == QueryParameters.Fields)
                protocols = Fields(last);
            else if (parameter != QueryParameters.MaxRecords)
                throw OntapErrors.UnexpectedArgument.With(parameter, parameter);
        }
        var found = name is null
            ? await svms.AllAsync(http.RequestAborted)
            : await svms.FindByNameAsync(name, http.RequestAborted) is { } one ? [one] : [];
        var records = new JsonArray([.. found.Select(svm => (JsonNode)Record(svm, protocols))]);
        return OntapResults.Json(http, new JsonObject { ["records"] = records, ["num_records"] = records.Count });
    }

    /// <summary>True when <c>fields</c> asks for allowed_protocols; the CLI always shows the vserver, and Keyhold no other field.</summary>
    private static bool Fields(string fields)
    {
        var protocols = false;
        foreach (var field in fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            protocols |= field == AllowedProtocols || field == "*" ? true
                : field == Vserver ? false
                : throw OntapErrors.InvalidFieldValue.With("fields", field, "fields");
        }
        return protocols;
    }

    private static JsonObject Record(Svm svm, bool protocols)
    {
        var record = new JsonObject { [Vserver] = svm.Name };
        if (protocols)
        {
            var attributes = VolumeAttributeJson.Complete(svm.Attributes, SvmAttributes.All);
            record[AllowedProtocols] = new JsonArray([.. SvmAttributes.Protocols
                .Where(p => VolumeAttributeJson.At(attributes, p + ".enabled")?.GetValue<bool>() == true)
                .Select(p => (JsonNode)p)]);
        }
        return record;
    }
}
