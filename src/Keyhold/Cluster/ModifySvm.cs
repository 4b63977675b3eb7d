namespace Keyhold.Cluster;

/// <summary>PATCH of an SVM: a null field is left as it is.</summary>
public sealed record ModifySvm(string Uuid, string? Name, string? State);
