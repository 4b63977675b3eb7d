namespace Keyhold.Cluster;

/// <summary>PATCH of an SVM: a null field is left as it is.</summary>
/// <param name="Attributes">The stored attributes (JSON text) with the request's changes made, checked by the door; null: unchanged.</param>
public sealed record ModifySvm(string Uuid, string? Name, string? State, Func<string, string>? Attributes = null);
