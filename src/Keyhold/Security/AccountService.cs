using System.Data.Common;
using Keyhold.Cluster;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.Security;

/// <summary>
/// The rules of /api/security/accounts: who may change which account, ONTAP's name, role, application and password
/// rules, the last unlocked admin. Each change is one store transaction; the password hash is computed before it, and
/// the changed account's remembered credential is dropped after it, so a demoted, locked or deleted account stops
/// working at once on this node.
/// </summary>
public sealed class AccountService(IStore store, ClusterContext cluster, Authenticator authenticator)
{
    public Guid ClusterUuid => cluster.Cluster.Uuid;

    public string ClusterName => cluster.Cluster.Name;

    /// <summary>The account at /api/security/accounts/{owner.uuid}/{name}, if the caller may see it; otherwise 404.</summary>
    public async Task<AccountDetails> FindAsync(Account caller, string ownerUuid, string name, CancellationToken ct) =>
        await store.ReadAsync((c, t) => FindAsync(c, null, caller, ownerUuid, name, t), ct);

    public async Task<AccountDetails> CreateAsync(Account caller, CreateAccount command, CancellationToken ct)
    {
        RequireClusterAdmin(caller);
        var name = AccountRules.Name(command.Name);
        var applications = AccountRules.Applications(command.Applications ?? AccountApplication.Default);
        if (command.Password is not null)
        {
            PasswordPolicy.Check(name, command.Password);
        }
        if (command.Locked == true && command.Password is null)
        {
            throw OntapErrors.LockWithoutPassword.With("locked");
        }
        var hash = command.Password is null ? "" : PasswordHash.Create(command.Password);
        return await store.WriteAsync(async (c, tx, t) =>
        {
            var svm = await OwnerAsync(c, tx, command.OwnerUuid, command.OwnerName, t);
            var role = AccountRules.Role(command.Role, svm is not null);
            if (await AccountRepository.FindDetailsAsync(c, tx, name, t) is not null)
            {
                throw OntapErrors.AccountExists.With("name", name);
            }
            var account = new AccountDetails(name, role.Name, svm?.Uuid, svm?.Name, applications, command.Locked ?? false, null, command.Comment, hash.Length > 0);
            await AccountRepository.InsertAsync(c, tx, account, hash, t);
            return account;
        }, ct);
    }

    public async Task ModifyAsync(Account caller, string ownerUuid, string name, ModifyAccount command, CancellationToken ct)
    {
        RequireClusterAdmin(caller);
        var current = await FindAsync(caller, ownerUuid, name, ct);
        var role = command.Role is null ? null : AccountRules.Role(command.Role, current.SvmUuid is not null);
        var applications = command.Applications is null ? null : AccountRules.Applications(command.Applications);
        string? hash = null;
        if (command.Password is not null)
        {
            PasswordPolicy.Check(name, command.Password);
            hash = await NewHashAsync(name, command.Password, ct);
        }
        var changed = current with
        {
            Role = role?.Name ?? current.Role,
            Applications = applications ?? current.Applications,
            AdminLocked = command.Locked ?? current.AdminLocked,
            Comment = command.Comment ?? current.Comment,
        };
        if (command.Locked == true && !(current.HasPassword || hash is not null))
        {
            throw OntapErrors.LockWithoutPassword.With("locked");
        }
        if (caller.Name == name && (changed.AdminLocked || changed.Role != current.Role))
        {
            throw OntapErrors.AccountIsCaller.With("name");
        }
        await store.WriteAsync(async (c, tx, t) =>
        {
            _ = await FindAsync(c, tx, caller, ownerUuid, name, t); // still there
            await AccountRepository.UpdateAsync(c, tx, changed, t);
            if (hash is not null)
            {
                await AccountRepository.SetPasswordHashAsync(c, tx, name, hash, t);
            }
            await KeepAnAdminAsync(c, tx, t);
            return 0;
        }, ct);
        authenticator.Forget(name);
    }

    public async Task DeleteAsync(Account caller, string ownerUuid, string name, CancellationToken ct)
    {
        RequireClusterAdmin(caller);
        await store.WriteAsync(async (c, tx, t) =>
        {
            _ = await FindAsync(c, tx, caller, ownerUuid, name, t);
            if (caller.Name == name)
            {
                throw OntapErrors.AccountIsCaller.With("name");
            }
            await AccountRepository.DeleteAsync(c, tx, name, t);
            await KeepAnAdminAsync(c, tx, t);
            return 0;
        }, ct);
        authenticator.Forget(name);
    }

    /// <summary>
    /// ONTAP's own-password endpoint: a cluster admin may set anyone's password; every other account only its own
    /// (and then owner is not needed). The new password must differ from the old one.
    /// </summary>
    public async Task<AccountDetails> ChangePasswordAsync(Account caller, ChangePassword command, CancellationToken ct)
    {
        var name = command.Name ?? throw OntapErrors.MissingField.With("name", "name");
        var password = command.Password ?? throw OntapErrors.MissingField.With("password", "password");
        var isClusterAdmin = caller.Role == Roles.Admin && !caller.IsSvmScoped;
        if (!isClusterAdmin && name != caller.Name)
        {
            throw OntapErrors.Forbidden.With("name");
        }
        var account = await store.ReadAsync(async (c, t) =>
        {
            var found = await AccountRepository.FindDetailsAsync(c, null, name, t);
            var svm = command.OwnerUuid is null && command.OwnerName is null ? null : await OwnerAsync(c, null, command.OwnerUuid, command.OwnerName, t);
            var ownerGiven = command.OwnerUuid is not null || command.OwnerName is not null;
            if (found is null || (ownerGiven && found.SvmUuid != svm?.Uuid))
            {
                throw OntapErrors.EntryNotFound.With("name");
            }
            return found;
        }, ct);
        PasswordPolicy.Check(account.Name, password);
        var hash = await NewHashAsync(account.Name, password, ct);
        await store.WriteAsync(async (c, tx, t) =>
        {
            await AccountRepository.SetPasswordHashAsync(c, tx, account.Name, hash, t);
            return 0;
        }, ct);
        authenticator.Forget(account.Name);
        return account;
    }

    /// <summary>Hashes the new password after checking it is not the current one (ONTAP's 7077925).</summary>
    private async Task<string> NewHashAsync(string name, string password, CancellationToken ct)
    {
        var old = await store.ReadAsync((c, t) => AccountRepository.PasswordHashAsync(c, null, name, t), ct);
        if (old is { Length: > 0 } && PasswordHash.Verify(password, old))
        {
            throw OntapErrors.PasswordUnchanged.With("password");
        }
        return PasswordHash.Create(password);
    }

    /// <summary>Account management is the cluster administrator's; SVM administrators and readers only look.</summary>
    private static void RequireClusterAdmin(Account caller)
    {
        if (caller.Role != Roles.Admin || caller.IsSvmScoped)
        {
            throw OntapErrors.Forbidden.With();
        }
    }

    /// <summary>ONTAP: "Any attempt to delete the last remaining administrator account fails"; demoting or locking it too.</summary>
    private static async Task KeepAnAdminAsync(DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        if (await AccountRepository.CountUnlockedAdminsAsync(c, tx, ct) == 0)
        {
            throw OntapErrors.LastAdmin.With("name");
        }
    }

    private async Task<AccountDetails> FindAsync(DbConnection c, DbTransaction? tx, Account caller, string ownerUuid, string name, CancellationToken ct)
    {
        var found = await AccountRepository.FindDetailsAsync(c, tx, name, ct);
        var owner = found?.SvmUuid ?? ClusterUuid;
        // An SVM administrator sees only its own SVM's accounts: anything else does not exist for it.
        if (found is null || !Guid.TryParse(ownerUuid, out var given) || given != owner || (caller.IsSvmScoped && found.SvmUuid != caller.SvmUuid))
        {
            throw OntapErrors.EntryNotFound.With("name");
        }
        return found;
    }

    /// <summary>The owning SVM, or null for the cluster (owner omitted, or the cluster's own uuid or name).</summary>
    private async Task<Svm?> OwnerAsync(DbConnection c, DbTransaction? tx, string? uuidText, string? name, CancellationToken ct)
    {
        if (uuidText is null && name is null)
        {
            return null;
        }
        var clusterByUuid = uuidText is not null && Guid.TryParse(uuidText, out var u) && u == ClusterUuid;
        var clusterByName = name is not null && name == ClusterName;
        if (clusterByUuid || clusterByName)
        {
            return (uuidText is null || clusterByUuid) && (name is null || clusterByName) ? null : throw OntapErrors.OwnerMismatch.With("owner.name");
        }
        Svm? svm;
        if (uuidText is not null)
        {
            svm = Guid.TryParse(uuidText, out var uuid) ? await SvmRepository.FindAsync(c, tx, uuid, ct) : null;
            if (svm is null)
            {
                throw OntapErrors.SvmNotFound.With("owner.uuid", uuidText);
            }
            return name is null || name == svm.Name ? svm : throw OntapErrors.OwnerMismatch.With("owner.name");
        }
        return await SvmRepository.FindByNameAsync(c, tx, name!, ct) ?? throw OntapErrors.SvmNotFound.With("owner.name", name!);
    }
}
