namespace Keyhold.Storage.Query;

/// <summary>Turns an ONTAP collection plan into SQL, so filters, order and paging run in the store.</summary>
/// <remarks>Superseded by <see cref="PagedQuery"/>; kept until the remaining repositories use it.</remarks>
public static class Paged
{
    public static string Sql(string select, SqlPlan plan) => plan.ToSql(select);

    public static (string, object?)[] Parameters(SqlPlan plan) =>
        plan.Parameters.Select(p => (p.Key, p.Value)).ToArray();
}
