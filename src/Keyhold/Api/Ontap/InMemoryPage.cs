using System.Text.Json.Nodes;
using Keyhold.Storage.Query;

namespace Keyhold.Api.Ontap;

/// <summary>
/// For collections built in memory rather than read from a table (the built-in roles): when the plan expects the
/// store to have paged (no filter or order needing memory), skip and take here as the store would have.
/// </summary>
public static class InMemoryPage
{
    public static IReadOnlyList<JsonObject> Apply(IReadOnlyList<JsonObject> ordered, SqlPlan plan) =>
        plan.PagedInStore ? [.. ordered.Skip(plan.Offset).Take(plan.Limit ?? int.MaxValue)] : ordered;
}
