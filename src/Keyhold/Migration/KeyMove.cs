using System.Security.Cryptography;
using Keyhold.Ontap;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.Migration;

/// <summary>
/// Moves one key, in the order that keeps it readable whatever fails: (a) write it to the destination, (b) one transaction
/// switches the row to the destination, (c) only then destroy the source copy. Before (b) the row names the source,
/// which still holds the key; after it the row names the destination, which already does.
/// </summary>
public sealed class KeyMove(IStore store, OnboardKeyCap cap, ILogger<KeyMove> log)
{
    /// <summary>Moves <paramref name="key"/>; <see cref="KeyMoveResult.Gone"/> when its row went away or moved meanwhile.</summary>
    /// <exception cref="KeyMoveException">A step failed; the row still names the source.</exception>
    public async Task<KeyMoveResult> RunAsync(MigrationPlan plan, DataKey key, CancellationToken ct)
    {
        var material = await Step("could not be read from the source key manager", () => plan.SourceStore.ReadAsync(key, ct));
        DataKey copy;
        try
        {
            copy = await Step("could not be written to the destination key manager", () => plan.DestinationStore.ImportAsync(plan.Destination, key, material, ct));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
        bool switched;
        try
        {
            switched = await Step("could not be switched to the destination key manager", () => SwitchAsync(plan, key, copy, ct));
        }
        catch
        {
            await plan.DestinationStore.AbandonAsync(copy, CancellationToken.None);
            throw;
        }
        if (!switched)
        {
            await plan.DestinationStore.AbandonAsync(copy, CancellationToken.None);
            return KeyMoveResult.Gone;
        }
        try
        {
            await plan.SourceStore.DestroyAsync(key, ct);
            return KeyMoveResult.Moved;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Key {KeyId} moved, but its source copy was not destroyed: {Type}", key.KeyId, e.GetType().Name);
            return KeyMoveResult.SourceCopyLeft;
        }
    }

    // (b) The row switches only if it is still the source's and the destination still exists and holds the copy.
    private Task<bool> SwitchAsync(MigrationPlan plan, DataKey key, DataKey copy, CancellationToken ct) =>
        store.WriteAsync(async (c, tx, t) =>
        {
            if (await DataKeyRepository.FindAsync(c, tx, key.KeyId, t) is not { } current || current.KeyManagerUuid != plan.Source.Uuid)
            {
                return false;
            }
            if (await KeyManagerRepository.FindAsync(c, tx, plan.Destination.Uuid, t) is null)
            {
                throw OntapErrors.KeyManagerChanged.With();
            }
            // Keys made on the destination since the job was planned may have filled it: this key would pass the cap.
            await cap.EnsureRoomForAsync(c, tx, plan.Destination, 1, t);
            await KeyHolders.EnsureHeldAsync(c, tx, copy, null, t);
            var metadata = KeyLocations.With(current.Metadata, KeyLocations.Read(copy.Metadata));
            return await DataKeyRepository.MoveAsync(c, tx, key.KeyId, plan.Source.Uuid, plan.Destination.Uuid, copy.Wrapped, metadata, t) == 1;
        }, ct);

    private static async Task<T> Step<T>(string what, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (OntapException e)
        {
            throw new KeyMoveException($"{what}: {e.Message}", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Lower layers' texts may carry secrets: name the failure by type only.
            throw new KeyMoveException($"{what} ({e.GetType().Name}).", e);
        }
    }
}
