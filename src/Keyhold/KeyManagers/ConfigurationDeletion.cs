using System.Data.Common;
using System.Globalization;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.KeyManagers;

/// <summary>
/// Deleting a configuration, the one place for both doors that can: DELETE /api/security/key-managers/{uuid} and DELETE
/// /api/security/key-stores/{uuid}. The row is read again inside the transaction, so what decides is its state at
/// commit: an enabled configuration is refused while encrypted volumes use it (key-managers) or always (key-stores,
/// 65538905); an inactive one (<see cref="InactiveConfigurations"/>) is refused while a switch job of its SVM runs
/// (65539593) or while it still holds keys (65538907), whichever door was used.
/// </summary>
public sealed class ConfigurationDeletion(IStore store, OnboardService onboard, ExternalService external)
{
    /// <summary>Which resource is deleting: it decides the not-found code and whether an enabled configuration may go.</summary>
    public enum Door
    {
        KeyManagers,
        KeyStores,
    }

    public async Task DeleteAsync(Guid uuid, Door door, CancellationToken ct)
    {
        var deleted = await store.WriteAsync(async (c, tx, t) =>
        {
            var current = await KeyManagerRepository.FindAsync(c, tx, uuid, t)
                ?? throw (door == Door.KeyStores ? OntapErrors.KeystoreNotFound.With("uuid") : new OntapException(OntapErrors.EntryNotFound, "uuid"));
            if (InactiveConfigurations.IsKeyManagerOfItsSvm(current))
            {
                await CheckEnabledAsync(c, tx, current, door, t);
            }
            else
            {
                await CheckInactiveAsync(c, tx, current, t);
            }
            await KeyManagerRepository.DeleteAsync(c, tx, current.Uuid, t);
            return current;
        }, ct);
        onboard.Forget(deleted.Uuid);
        await external.ForgetAsync(deleted);
    }

    private static async Task CheckEnabledAsync(DbConnection c, DbTransaction tx, KeyManager km, Door door, CancellationToken ct)
    {
        if (door == Door.KeyStores)
        {
            throw OntapErrors.KeystoreEnabledNotDeletable.With("uuid");
        }
        if (await DataKeyRepository.CountAsync(c, tx, km.Uuid, ct) > 0)
        {
            throw new OntapException(km.SvmUuid is null ? OntapErrors.EncryptedVolumesExist : OntapErrors.EncryptedVolumesFound);
        }
    }

    private static async Task CheckInactiveAsync(DbConnection c, DbTransaction tx, KeyManager km, CancellationToken ct)
    {
        if (await SwitchingAsync(c, tx, km, ct))
        {
            throw OntapErrors.KeystoreSwitchingNoDelete.With("uuid");
        }
        if (await HeldKeysAsync(c, tx, km.Uuid, ct) is { } held)
        {
            throw OntapErrors.KeystoreHoldsKeys.With("uuid", held);
        }
    }

    // What an inactive configuration may still hold: keys (none after a switch moved them) and KMIP objects wrapped
    // under its onboard root key (they stay there when the cluster switches to external: they are served from it).
    private static async Task<string?> HeldKeysAsync(DbConnection c, DbTransaction tx, Guid uuid, CancellationToken ct)
    {
        var keys = await DataKeyRepository.CountAsync(c, tx, uuid, ct);
        if (keys > 0)
        {
            return $"{keys} keys";
        }
        var objects = Convert.ToInt64(await Db.ScalarAsync(c, tx, "SELECT COUNT(*) FROM kmip_objects WHERE key_manager_uuid = @u", ct, ("@u", uuid.ToString())),
            CultureInfo.InvariantCulture);
        return objects > 0 ? $"{objects} KMIP objects wrapped under its onboard root key" : null;
    }

    private static async Task<bool> SwitchingAsync(DbConnection c, DbTransaction tx, KeyManager config, CancellationToken ct)
    {
        foreach (var target in await SwitchJobs.TargetsAsync(c, tx, ct))
        {
            if (await KeyManagerRepository.FindAsync(c, tx, target, ct) is { } switching && switching.SvmUuid == config.SvmUuid)
            {
                return true;
            }
        }
        return false;
    }
}
