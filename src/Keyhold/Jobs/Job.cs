namespace Keyhold.Jobs;

/// <summary>
/// An operation that runs in the background; clients poll /api/cluster/jobs/{uuid}. <see cref="Node"/> runs it (null for
/// jobs stored before jobs recorded their node), so a restarted node can tell which interrupted jobs are its own.
/// <see cref="Svm"/> is the SVM whose object the job works on (null: the cluster's), so SVM administrators see their own.
/// </summary>
public sealed record Job(Guid Uuid, string Description, string State, string Message, long Code, DateTimeOffset StartTime, DateTimeOffset? EndTime, Guid? Node,
    Guid? Svm = null)
{
    public const string Queued = "queued", Running = "running", Success = "success", Failure = "failure";

    public static string Href(Guid uuid) => "/api/cluster/jobs/" + uuid;
}
