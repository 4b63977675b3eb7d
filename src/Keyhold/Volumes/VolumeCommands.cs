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

/// <summary>POST of a volume; a null field was not given. The SVM is named by uuid and/or name.</summary>
public sealed record CreateVolume(string? Name, string? SvmUuid, string? SvmName, long? Size = null, string? State = null, bool? EncryptionEnabled = null,
    AttributeEdit? Attributes = null);

/// <summary>PATCH of a volume; a null field is left as it is.</summary>
public sealed record ModifyVolume(string Uuid, string? Name = null, long? Size = null, string? State = null, bool? EncryptionEnabled = null,
    bool Rekey = false, AttributeEdit? Attributes = null);
