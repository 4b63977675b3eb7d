using System.Text.Json.Nodes;

namespace Keyhold.KeyManagers;

/// <summary>svm.uuid and/or svm.name as given; both must name the same SVM.</summary>
public sealed record SvmSelector(string? Uuid, string? Name);

/// <summary>The onboard.* fields of a POST or PATCH.</summary>
public sealed record OnboardPart(string? Passphrase, string? ExistingPassphrase, bool Synchronize);

/// <summary>
/// POST /api/security/key-managers. <paramref name="External"/> is the validated body when it has an external part:
/// ExternalService still reads its fields from the body (External/ gets its own typed command separately).
/// </summary>
public sealed record CreateKeyManager(SvmSelector Svm, string? Scope, OnboardPart? Onboard, JsonObject? External);

/// <summary>PATCH /api/security/key-managers/{uuid}; <paramref name="External"/> as in <see cref="CreateKeyManager"/>.</summary>
public sealed record ModifyKeyManager(OnboardPart? Onboard, JsonObject? External, bool? DareDisabled);
