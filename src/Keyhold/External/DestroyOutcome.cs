using Keyhold.Kmip;

namespace Keyhold.External;

/// <summary>
/// What a destroy on every location of a key left: <paramref name="Left"/>, the locations that still hold it (their
/// servers failed), and the first <paramref name="Failure"/>, null when the key is gone from every location.
/// </summary>
public sealed record DestroyOutcome(IReadOnlyList<(string Server, string KmipUid)> Left, KmipException? Failure);
