namespace Keyhold.Storage.Query;

/// <summary>Turns an ONTAP collection plan into SQL, so filters, order and paging run in the store.</summary>
public static class Paged
{
    public static string Sql(string select, SqlPlan plan) => plan.ToSql(select);

    public static (string, object?)[] Parameters(SqlPlan plan) =>
        plan.Parameters.Select(p => (p.Key, p.Value)).ToArray();
}
