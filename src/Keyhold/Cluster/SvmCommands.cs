namespace Keyhold.Cluster;

/// <summary>POST of an SVM: <paramref name="State"/> null means running.</summary>
public sealed record CreateSvm(string? Name, string? State);

/// <summary>PATCH of an SVM: a null field is left as it is.</summary>
public sealed record ModifySvm(string Uuid, string? Name, string? State);
