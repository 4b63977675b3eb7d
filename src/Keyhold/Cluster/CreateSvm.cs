namespace Keyhold.Cluster;

/// <summary>POST of an SVM: <paramref name="State"/> null means running.</summary>
/// <param name="Attributes">The stored-only fields as JSON text, checked by the door that read them; null: none.</param>
public sealed record CreateSvm(string? Name, string? State, string? Attributes = null);
