using System.Text.Json.Nodes;
using Keyhold.Jobs;

namespace Keyhold.Api.Jobs;

/// <summary>A job as /api/cluster/jobs shows it.</summary>
public static class JobJson
{
    public static JsonObject ToJson(this Job job)
    {
        var json = new JsonObject
        {
            ["uuid"] = job.Uuid.ToString(),
            ["description"] = job.Description,
            ["state"] = job.State,
            ["message"] = job.Message,
            ["code"] = job.Code,
            ["start_time"] = job.StartTime.ToString("yyyy-MM-ddTHH:mm:sszzz"),
        };
        if (job.EndTime is { } end)
        {
            json["end_time"] = end.ToString("yyyy-MM-ddTHH:mm:sszzz");
        }
        json["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = Job.Href(job.Uuid) } };
        return json;
    }
}
