using System.Data.Common;

namespace Keyhold.Keys;

/// <summary>The key manager that holds an SVM's new keys: the SVM's own (external) one if it has one, else the cluster's.</summary>
public static class EffectiveKeyManager
{
    /// <summary>One query for both scopes (the SVM's own first): it runs in every encrypted volume's create, where each round trip to PostgreSQL counts.</summary>
    public static Task<KeyManager?> FindAsync(DbConnection c, DbTransaction? tx, Guid svm, CancellationToken ct) =>
        KeyManagerRepository.FindFirstByScopeAsync(c, tx, svm, ct);
}
