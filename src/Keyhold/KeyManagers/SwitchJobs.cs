using System.Data.Common;
using Keyhold.Jobs;
using Keyhold.Storage;

namespace Keyhold.KeyManagers;

/// <summary>
/// The switch jobs still running, read from the jobs table: a scope is "switching" while one runs, on any node. A job
/// whose node died stays running until that node starts again (JobSweep fails it), so the state says so until then too.
/// </summary>
public static class SwitchJobs
{
    private const string Prefix = "PATCH /api/security/key-stores/";

    public static string Description(Guid target) => Prefix + target;

    /// <summary>The configurations that running switch jobs are enabling.</summary>
    public static async Task<HashSet<Guid>> TargetsAsync(DbConnection c, DbTransaction? tx, CancellationToken ct)
    {
        var descriptions = await Db.QueryAsync(c, tx, "SELECT description FROM jobs WHERE state IN (@q, @r) AND description LIKE @p",
            r => r.GetString(0), ct, ("@q", Job.Queued), ("@r", Job.Running), ("@p", Prefix + "%"));
        return descriptions.Select(d => Guid.TryParse(d.AsSpan(Prefix.Length), out var uuid) ? uuid : Guid.Empty).Where(u => u != Guid.Empty).ToHashSet();
    }
}
