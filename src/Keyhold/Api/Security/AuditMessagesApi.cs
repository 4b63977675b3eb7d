using System.Text.Json.Nodes;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Security;

namespace Keyhold.Api.Security;

/// <summary>
/// GET /api/security/audit/messages: ONTAP's administrative audit log viewer, with its filters, order_by and paging.
/// Cluster administrators only, like ONTAP's `security audit log show`: the inputs name every change made.
/// </summary>
public static class AuditMessagesApi
{
    public static RouteHandlerBuilder MapAuditMessages(this IEndpointRouteBuilder routes) =>
        routes.MapGet(AuditMessageSchema.Schema.CollectionPath, List);

    private static Task<IResult> List(HttpContext http, AuditRepository audit)
    {
        if (BasicAuthentication.Current(http) is not { Role: Account.Admin, SvmUuid: null })
        {
            throw OntapErrors.Forbidden.With();
        }
        return OntapCollection.GetAsync(http, AuditMessageSchema.Schema, new CollectionSource<AuditMessage>
        {
            Stream = audit.StreamAsync,
            Count = audit.CountAsync,
            ToJson = ToJson,
        });
    }

    private static JsonObject ToJson(AuditMessage m)
    {
        var json = new JsonObject
        {
            ["timestamp"] = m.Timestamp.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            ["node"] = new JsonObject
            {
                ["name"] = m.NodeName,
                ["uuid"] = m.NodeUuid,
                ["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = "/api/cluster/nodes/" + m.NodeUuid } },
            },
            ["index"] = m.Index,
            ["application"] = m.Entry.Application,
            ["location"] = m.Entry.Location,
            ["user"] = m.Entry.User,
            ["input"] = m.Entry.Input,
            ["state"] = m.Entry.State,
            ["scope"] = m.Entry.Scope,
        };
        if (m.Entry.Message is { } message)
        {
            json["message"] = message;
        }
        return json;
    }
}
