using Keyhold.External;

namespace Keyhold.KeyManagers;

/// <summary>svm.uuid and/or svm.name as given; both must name the same SVM.</summary>
public sealed record SvmSelector(string? Uuid, string? Name);

/// <summary>The onboard.* fields of a POST or PATCH.</summary>
public sealed record OnboardPart(string? Passphrase, string? ExistingPassphrase, bool Synchronize);

/// <summary>
/// POST /api/security/key-managers: at most one of <paramref name="Onboard"/> and <paramref name="External"/> may be given.
/// <paramref name="Inactive"/> is create_inactive (9.16.1): the configuration is stored beside the enabled one, not enabled.
/// <paramref name="Policy"/> is the 9.9 policy: kept for an external key manager, ignored for the onboard one, as ONTAP says.
/// </summary>
public sealed record CreateKeyManager(SvmSelector Svm, string? Scope, OnboardPart? Onboard, EnableExternal? External, bool Inactive = false, string? Policy = null);

/// <summary>PATCH /api/security/key-managers/{uuid}; <paramref name="External"/> as in <see cref="CreateKeyManager"/>.</summary>
public sealed record ModifyKeyManager(OnboardPart? Onboard, ModifyExternal? External, bool? DareDisabled);
