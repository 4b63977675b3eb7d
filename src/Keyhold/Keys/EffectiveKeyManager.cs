using System.Data.Common;

namespace Keyhold.Keys;

/// <summary>The key manager that holds an SVM's new keys: the SVM's own (external) one if it has one, else the cluster's.</summary>
public static class EffectiveKeyManager
{
    /// <summary>One query for both scopes (the SVM's own first): it runs in every encrypted volume's create, where each round trip to PostgreSQL counts.</summary>
    public static Task<KeyManager?> FindAsync(DbConnection c, DbTransaction? tx, Guid svm, CancellationToken ct) =>
        KeyManagerRepository.FindFirstByScopeAsync(c, tx, svm, ct);

    /// <summary>
    /// The same choice as a scalar subquery, the SVM's uuid given by <paramref name="svmUuidExpression"/> (a parameter or a
    /// column), so a statement can join or check it without a round trip of its own.
    /// </summary>
    public static string UuidSql(string svmUuidExpression) =>
        "(SELECT e.uuid FROM key_managers e WHERE e.scope_key IN (" + svmUuidExpression + ", 'cluster') " +
        "ORDER BY CASE WHEN e.scope_key = 'cluster' THEN 1 ELSE 0 END LIMIT 1)";

    /// <summary>
    /// SQL that is true while SVM <paramref name="svmUuidExpression"/> exists under the name <paramref name="svmNameExpression"/>
    /// and key manager <paramref name="keyManagerExpression"/> is still its effective one. Statements of one write that
    /// all carry it read it in one snapshot, so either all of them land or none does, without an answer needed in between
    /// (a volume and its key, sent together). The name is checked too because the POST names the SVM by it and answers
    /// with it: an SVM renamed since it was read (or since a node kept it, <c>NewVolumeContextCache</c>) refuses the write.
    /// </summary>
    /// <param name="room">Also: the key manager has room for one more key (<see cref="KeyRoom"/>); null for no such check.</param>
    public static string HeldBySql(string svmUuidExpression, string svmNameExpression, string keyManagerExpression, KeyRoom? room = null) =>
        "EXISTS (SELECT 1 FROM svms WHERE uuid = " + svmUuidExpression + " AND name = " + svmNameExpression + ") AND " +
        UuidSql(svmUuidExpression) + " = " + keyManagerExpression + KeyRoom.Sql(room);
}
