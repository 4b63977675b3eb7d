using Keyhold.Ontap;
using Keyhold.Cluster;
using Keyhold.Storage;

namespace Keyhold.Jobs;

/// <summary>
/// At start-up, before any request: jobs run in-process, so those this node left queued or running died with its
/// previous process. They end as failures and every <see cref="IInterruptedJobs"/> settles what they left, in one
/// transaction. Only this node's jobs: another node's running job may be alive.
/// </summary>
public sealed class JobSweep(IStore store, NodeIdentity node, IEnumerable<IInterruptedJobs> settlers, ILogger<JobSweep> log, TimeProvider time)
{
    public const string Message = "The node restarted before the job finished.";

    public async Task RunAsync(CancellationToken ct = default)
    {
        var swept = await store.WriteAsync(async (c, tx, t) =>
        {
            var interrupted = await JobRepository.UnfinishedAsync(c, tx, node.Uuid, t);
            var now = time.GetUtcNow();
            foreach (var job in interrupted)
            {
                await JobRepository.SaveAsync(c, tx, job with { State = Job.Failure, Message = Message, Code = InternalErrorCode, EndTime = now }, t);
            }
            foreach (var settler in settlers)
            {
                await settler.SettleAsync(c, tx, interrupted, t);
            }
            return interrupted.Count;
        }, ct);
        if (swept > 0)
        {
            log.LogWarning("{Count} job(s) of node {Node} were interrupted by a restart and are marked as failed.", swept, node.Name);
        }
    }

    private static long InternalErrorCode => long.Parse(OntapErrors.InternalError.Code, System.Globalization.CultureInfo.InvariantCulture);
}
