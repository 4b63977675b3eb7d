using System.Data.Common;

namespace Keyhold.Jobs;

/// <summary>
/// Settles what jobs of one kind leave half-done when their node dies mid-job (a volume left "encrypting", say).
/// Runs inside <see cref="JobSweep"/>'s transaction, so the jobs fail and their objects settle together or not at all.
/// </summary>
public interface IInterruptedJobs
{
    Task SettleAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Job> interrupted, CancellationToken ct);
}
