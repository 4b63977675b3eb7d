namespace Keyhold.Volumes;

/// <summary>
/// The stored-only attributes with a request's changes made (validated already by the door that built it):
/// the domain passes the stored text through without reading it.
/// </summary>
public delegate string AttributesEdit(string stored);

/// <summary>POST of a volume; a null field was not given. The SVM is named by uuid and/or name.</summary>
public sealed record CreateVolume(string? Name, string? SvmUuid, string? SvmName, long? Size = null, string? State = null, bool? EncryptionEnabled = null,
    string Attributes = "{}");

/// <summary>PATCH of a volume; a null field is left as it is.</summary>
public sealed record ModifyVolume(string Uuid, string? Name = null, long? Size = null, string? State = null, bool? EncryptionEnabled = null,
    bool Rekey = false, AttributesEdit? Attributes = null);
