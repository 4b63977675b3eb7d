using Keyhold.Ontap;
using Keyhold.Cluster;

namespace Keyhold.Jobs;

/// <summary>
/// Runs an operation as an ONTAP job: the job is stored as running before the work starts, and ends
/// in success or failure with the message a client shows. Domain errors keep their ONTAP code. Each job records this
/// node, whose <see cref="JobSweep"/> fails it at the next start if the process dies first.
/// </summary>
public sealed class JobRunner(JobRepository jobs, NodeIdentity node, ILogger<JobRunner> logger, IHostApplicationLifetime lifetime, TimeProvider time)
{
    /// <param name="svm">The SVM whose object the job works on, so that SVM's administrators can follow it; null for the cluster's.</param>
    public async Task<Job> StartAsync(string description, Func<CancellationToken, Task<string>> work, CancellationToken ct, Guid? svm = null)
    {
        var job = new Job(Guid.NewGuid(), description, Job.Running, "", 0, time.GetUtcNow(), null, node.Uuid, svm);
        await jobs.SaveAsync(job, ct);
        _ = Task.Run(() => RunAsync(job, work), CancellationToken.None);
        return job;
    }

    /// <summary>Waits up to <paramref name="wait"/> for a job to end, as ONTAP's return_timeout does.</summary>
    public async Task<Job> WaitAsync(Guid uuid, TimeSpan wait, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            var job = await jobs.FindAsync(uuid, ct) ?? throw new InvalidOperationException("job vanished");
            if (job.State is Job.Success or Job.Failure || time.GetUtcNow() >= deadline)
            {
                return job;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct);
        }
    }

    private async Task RunAsync(Job job, Func<CancellationToken, Task<string>> work)
    {
        var stopping = lifetime.ApplicationStopping;
        Job ended;
        try
        {
            var message = await work(stopping);
            ended = job with { State = Job.Success, Message = message, EndTime = time.GetUtcNow() };
        }
        catch (OntapException e)
        {
            ended = job with { State = Job.Failure, Message = e.Message, Code = long.Parse(e.Code, System.Globalization.CultureInfo.InvariantCulture), EndTime = time.GetUtcNow() };
        }
        catch (Exception e)
        {
            // The exception text may carry secrets from lower layers: log its type only.
            logger.LogError("Job {Job} ({Description}) failed: {Type}", job.Uuid, job.Description, e.GetType().Name);
            ended = job with { State = Job.Failure, Message = "Internal error: " + e.GetType().Name, Code = 1, EndTime = time.GetUtcNow() };
        }
        await jobs.SaveAsync(ended, CancellationToken.None);
    }
}
