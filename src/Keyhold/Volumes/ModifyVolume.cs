namespace Keyhold.Volumes;

/// <summary>PATCH of a volume; a null field is left as it is.</summary>
public sealed record ModifyVolume(string Uuid, string? Name = null, long? Size = null, string? State = null, bool? EncryptionEnabled = null,
    bool Rekey = false, AttributeEdit? Attributes = null);
