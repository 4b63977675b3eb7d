namespace Keyhold.Ontap;

/// <summary>One row of the error table: HTTP status, ONTAP error code (a string on the wire) and message template.</summary>
/// <remarks>The message may hold <c>{0}</c>-style placeholders filled by <see cref="OntapException"/>.</remarks>
public sealed record OntapError(int Status, string Code, string Message)
{
    /// <summary>Shortcut for <c>throw new OntapException(this, target, args)</c>.</summary>
    public OntapException With(string? target = null, params object[] args) => new(this, target, args);
}
