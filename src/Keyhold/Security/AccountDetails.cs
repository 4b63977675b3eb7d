namespace Keyhold.Security;

/// <summary>
/// An account as /api/security/accounts shows it. <see cref="AdminLocked"/> is a lock an administrator set;
/// <see cref="LockedUntil"/> the lock the login policy set after repeated failures. The password hash never leaves
/// the repository in this record.
/// </summary>
public sealed record AccountDetails(
    string Name,
    string Role,
    Guid? SvmUuid,
    string? SvmName,
    IReadOnlyList<AccountApplication> Applications,
    bool AdminLocked,
    DateTimeOffset? LockedUntil,
    string? Comment,
    bool HasPassword)
{
    public Account Account => new(Name, Role, SvmUuid);

    public string Scope => SvmUuid is null ? Roles.ClusterScope : Roles.SvmScope;

    /// <summary>What <c>locked</c> shows: either lock is in force.</summary>
    public bool IsLocked(DateTimeOffset now) => AdminLocked || LockedUntil > now;
}
