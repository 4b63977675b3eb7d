namespace Keyhold.Cluster;

/// <summary>POST of an SVM: <paramref name="State"/> null means running.</summary>
public sealed record CreateSvm(string? Name, string? State);
