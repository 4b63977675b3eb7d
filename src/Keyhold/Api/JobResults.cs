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
    public static async Task<IResult> ForAsync(HttpContext http, JobRunner jobs, Job job)
    {
        var text = http.Request.Query[QueryParameters.ReturnTimeout].LastOrDefault();
        var wait = text is null ? TimeSpan.Zero : QueryValues.ReturnTimeout(text);
        var ended = wait > TimeSpan.Zero ? await jobs.WaitAsync(job.Uuid, wait, http.RequestAborted) : job;
        return ended.State switch
        {
            Job.Success => OntapResults.Accepted(http, job.Uuid, StatusCodes.Status200OK),
            Job.Failure => OntapResults.Error(new OntapError(400, ended.Code.ToString(CultureInfo.InvariantCulture), ended.Message).With()),
            _ => OntapResults.Accepted(http, job.Uuid),
        };
    }
}
