namespace Keyhold.Cluster;

/// <summary>A data SVM (vserver): the owner of SVM-scoped key managers, certificates and volumes.</summary>
/// <param name="Attributes">The ONTAP fields kept but not acted on (language, comment, aggregates, ...), as JSON text the door reads.</param>
public sealed record Svm(Guid Uuid, string Name, string State, string Attributes = "{}")
{
    public const string Running = "running", Stopped = "stopped";
}
