namespace Keyhold.Keys;

/// <summary>A key as key-ids lists it: the key (without its wrapped material), its SVM's name and its key manager's kind.</summary>
public sealed record KeyIdRow(DataKey Key, string? SvmName, string Kind);
