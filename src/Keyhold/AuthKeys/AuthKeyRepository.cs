using System.Data.Common;
using Keyhold.Keys;
using Keyhold.Storage;
using Keyhold.Storage.Query;

namespace Keyhold.AuthKeys;

/// <summary>The authentication keys of one key manager: rows of the keys table of type nse-ak (columns in AuthKeySchema).</summary>
public sealed class AuthKeyRepository(IStore store)
{
    private const string Select = "SELECT k.key_id, k.key_tag, k.key_manager_uuid FROM keys k";

    public Task<List<AuthKey>> QueryAsync(Guid keyManager, SqlPlan plan, CancellationToken ct) =>
        store.QueryPageAsync(Select, plan with { Where = $"k.key_manager_uuid = @km AND k.key_type = '{AuthKeyTypes.NseAk}' AND ({plan.Where})" }, Read, ct,
            ("@km", keyManager.ToString()));

    private static AuthKey Read(DbDataReader r) => new(r.GetString(0), r.StringOrNull(1), Guid.Parse(r.GetString(2)));
}
