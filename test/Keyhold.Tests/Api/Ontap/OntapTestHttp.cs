using System.Text;
using System.Text.Json.Nodes;
using Keyhold.Storage.Query;
using Microsoft.AspNetCore.Http;

namespace Keyhold.Tests.Api.Ontap;

/// <summary>Builds request contexts and runs IResults into bytes, without a host.</summary>
internal static class OntapTestHttp
{
    public static readonly IServiceProvider Services = new ServiceCollection()
        .AddLogging()
        .AddSingleton<ISqlDialect>(SqliteDialect.Instance)
        // The request helpers shape every resource as the cluster's ONTAP release has it (ClusterRelease): the default one.
        .AddSingleton(new global::Keyhold.Cluster.OntapOptions().Parsed!)
        .BuildServiceProvider();

    public static DefaultHttpContext Context(string pathAndQuery, string? accept = null, string? body = null, string method = "GET")
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Path = question < 0 ? pathAndQuery : pathAndQuery[..question];
        context.Request.QueryString = question < 0 ? QueryString.Empty : new QueryString(pathAndQuery[question..]);
        if (accept is not null)
            context.Request.Headers.Accept = accept;
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            context.Request.ContentType = "application/json";
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    public static async Task<Response> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        return Read(context);
    }

    public static Response Read(HttpContext context)
    {
        var text = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        return new Response(context.Response.StatusCode, context.Response.ContentType, text,
            text.Length == 0 ? null : JsonNode.Parse(text), context.Response.Headers.Location.ToString());
    }

    internal sealed record Response(int Status, string? ContentType, string Text, JsonNode? Json, string Location)
    {
        public JsonObject Object => Json!.AsObject();
    }
}
