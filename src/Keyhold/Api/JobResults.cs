using System.Globalization;
using Keyhold.Api.Ontap;
using Keyhold.Ontap;
using Keyhold.Jobs;

namespace Keyhold.Api;

/// <summary>How a request that started a job answers, per ONTAP's return_timeout.</summary>
public static class JobResults
{
    /// <summary>
    /// 202 with the job at once (return_timeout 0, the default), or wait that long and answer as the job ended:
    /// 200 with the job object (as ONTAP does; clients such as Ansible then read the job's outcome), or the job's error.
    /// </summary>
    /// <param name="ended">The status of a job that ended well within return_timeout: 200, or 201 where ONTAP's docs list it (restore).</param>
    public static async Task<IResult> ForAsync(HttpContext http, JobRunner jobs, Job job, int ended = StatusCodes.Status200OK)
    {
        var text = http.Request.Query[QueryParameters.ReturnTimeout].LastOrDefault();
        var wait = text is null ? TimeSpan.Zero : QueryValues.ReturnTimeout(text);
        var last = wait > TimeSpan.Zero ? await jobs.WaitAsync(job.Uuid, wait, http.RequestAborted) : job;
        return last.State switch
        {
            Job.Success => OntapResults.Accepted(http, job.Uuid, ended),
            Job.Failure => OntapResults.Error(new OntapError(400, last.Code.ToString(CultureInfo.InvariantCulture), last.Message).With()),
            _ => OntapResults.Accepted(http, job.Uuid),
        };
    }
}
