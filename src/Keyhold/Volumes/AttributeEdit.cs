namespace Keyhold.Volumes;

/// <summary>
/// The stored-only attributes a request sets. The door that read them knows their ONTAP rules and JSON; the volume
/// rules decide only when they are checked (after name, size and state, as before) and store the result with the volume.
/// </summary>
/// <param name="Check">Refuses a value that breaks ONTAP's rule (throws an OntapException).</param>
/// <param name="ApplyTo">The stored attributes (JSON text) with the changes made; on create, applied to "{}".</param>
public sealed record AttributeEdit(Action Check, Func<string, string> ApplyTo)
{
    public static readonly AttributeEdit None = new(() => { }, stored => stored);
}
