namespace Keyhold.Cluster;

/// <summary>A data SVM (vserver): the owner of SVM-scoped key managers, certificates and volumes.</summary>
public sealed record Svm(Guid Uuid, string Name, string State)
{
    public const string Running = "running", Stopped = "stopped";
}
