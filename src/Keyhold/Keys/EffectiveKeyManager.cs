using System.Data.Common;

namespace Keyhold.Keys;

/// <summary>The key manager that holds an SVM's new keys: the SVM's own (external) one if it has one, else the cluster's.</summary>
public static class EffectiveKeyManager
{
    public static async Task<KeyManager?> FindAsync(DbConnection c, DbTransaction? tx, Guid svm, CancellationToken ct) =>
        await KeyManagerRepository.FindByScopeAsync(c, tx, svm, ct) ?? await KeyManagerRepository.FindByScopeAsync(c, tx, null, ct);
}
