namespace Keyhold.Volumes;

/// <summary>POST of a volume; a null field was not given. The SVM is named by uuid and/or name.</summary>
public sealed record CreateVolume(string? Name, string? SvmUuid, string? SvmName, long? Size = null, string? State = null, bool? EncryptionEnabled = null,
    AttributeEdit? Attributes = null);
