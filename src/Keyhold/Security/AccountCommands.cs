namespace Keyhold.Security;

/// <summary>POST /api/security/accounts: the owner by uuid and/or name (neither = the cluster).</summary>
public sealed record CreateAccount(
    string? Name, string? OwnerUuid, string? OwnerName, string? Role, IReadOnlyList<AccountApplication>? Applications,
    string? Password, bool? Locked, string? Comment);

/// <summary>PATCH /api/security/accounts/{owner.uuid}/{name}: null leaves a field as it is; applications replace the list.</summary>
public sealed record ModifyAccount(string? Role, IReadOnlyList<AccountApplication>? Applications, string? Password, bool? Locked, string? Comment);

/// <summary>POST /api/security/authentication/password.</summary>
public sealed record ChangePassword(string? Name, string? OwnerUuid, string? OwnerName, string? Password);
