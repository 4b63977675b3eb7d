using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using N = Keyhold.Kmip.Server.KmipAttributeNames;

namespace Keyhold.KmipObjects;

/// <summary>Attribute changes and lifecycle operations: each one read-check-write inside one store transaction.</summary>
public sealed partial class KmipObjectService
{
    private const uint KeyCompromise = 2, CaCompromise = 3;

    public Task<KmipAttribute> AddAttributeAsync(string owner, string uid, KmipAttribute a, CancellationToken ct) =>
        MutateAsync(owner, uid, (o, now) =>
        {
            KmipAttributeRules.CheckAdd(o, a);
            return o.Attributes.Add(a.Name, a.Type, a.Value);
        }, ct);

    public Task<KmipAttribute> ModifyAttributeAsync(string owner, string uid, KmipAttribute a, CancellationToken ct) =>
        MutateAsync(owner, uid, (o, now) =>
        {
            KmipAttributeRules.CheckModify(o, a);
            if (o.Attributes.Find(a.Name, a.Index) is null)
            {
                throw new KmipFaultException(ResultReason.ItemNotFound, $"The object has no '{a.Name}' with index {a.Index}.");
            }

            return o.Attributes.Set(a.Name, a.Type, a.Value, a.Index);
        }, ct);

    public Task<KmipAttribute> DeleteAttributeAsync(string owner, string uid, string name, int index, CancellationToken ct) =>
        MutateAsync(owner, uid, (o, now) =>
        {
            KmipAttributeRules.CheckDelete(o, name);
            return o.Attributes.Remove(name, index)
                ?? throw new KmipFaultException(ResultReason.ItemNotFound, $"The object has no '{name}' with index {index}.");
        }, ct);

    public Task ActivateAsync(string owner, string uid, CancellationToken ct) =>
        MutateAsync(owner, uid, (o, now) =>
        {
            if (o.ObjectType == ObjectType.Template || o.State != KmipObjectState.PreActive)
            {
                throw new KmipFaultException(ResultReason.PermissionDenied, $"Only a pre-active object can be activated; this one is {o.State}.");
            }

            o.Attributes.SetDate(N.ActivationDate, now);
            return KmipObjectState.Active;
        }, ct);

    public Task RevokeAsync(string owner, string uid, uint reason, string? message, DateTimeOffset? compromiseOccurrence, CancellationToken ct) =>
        MutateAsync(owner, uid, (o, now) =>
        {
            if (o.ObjectType == ObjectType.Template)
            {
                throw new KmipFaultException(ResultReason.IllegalOperation, "A template cannot be revoked.");
            }

            o.Attributes.SetStructure(N.RevocationReason, w =>
            {
                w.WriteEnumeration(KmipTag.RevocationReasonCode, reason);
                if (message is not null)
                {
                    w.WriteTextString(KmipTag.RevocationMessage, message);
                }
            });
            if (reason is KeyCompromise or CaCompromise)
            {
                o.Attributes.SetDate(N.CompromiseDate, now);
                o.Attributes.SetDate(N.CompromiseOccurrenceDate, compromiseOccurrence ?? now);
                return KmipObjectState.Compromised;
            }

            if (o.State is not (KmipObjectState.Active or KmipObjectState.PreActive))
            {
                throw new KmipFaultException(ResultReason.PermissionDenied, $"An object in state {o.State} can only be revoked as compromised.");
            }

            if (!o.Attributes.Has(N.DeactivationDate))
            {
                o.Attributes.SetDate(N.DeactivationDate, now);
            }

            return KmipObjectState.Deactivated;
        }, ct);

    /// <summary>Destroys the object: its row (material and metadata) is deleted. An active object must be revoked first.</summary>
    public async Task DestroyAsync(string owner, string uid, CancellationToken ct)
    {
        DateTimeOffset now = clock.GetUtcNow();
        await store.WriteAsync(async (c, tx, t) =>
        {
            KmipObject o = await KmipObjectRepository.FindAsync(c, tx, uid, t) is { } found && found.Owner == owner
                ? KmipLifecycle.Settle(found, now) : throw NotFound();
            if (o.State == KmipObjectState.Active)
            {
                throw new KmipFaultException(ResultReason.PermissionDenied, "An active object cannot be destroyed; revoke it first.");
            }

            await KmipObjectRepository.DeleteAsync(c, tx, uid, t);
            return 0;
        }, ct);
    }

    /// <summary>
    /// Loads the object in the write transaction, lets <paramref name="change"/> edit its attributes (and name a new
    /// state), stamps Last Change Date and writes it back, all or nothing.
    /// </summary>
    private async Task<T> MutateAsync<T>(string owner, string uid, Func<KmipObject, DateTimeOffset, T> change, CancellationToken ct, bool touch = true, bool flush = true)
    {
        DateTimeOffset now = clock.GetUtcNow();
        Func<Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, CancellationToken, Task<T>>, CancellationToken, Task<T>> write =
            flush ? store.WriteAsync : store.WriteUnflushedAsync;
        return await write(async (c, tx, t) =>
        {
            KmipObject found = await KmipObjectRepository.FindAsync(c, tx, uid, t) is { } o && o.Owner == owner ? o : throw NotFound();
            KmipObject current = KmipLifecycle.Settle(found, now);
            current = current with { Attributes = current.Attributes.Copy() };
            T result = change(current, now);
            KmipObject updated = KmipLifecycle.Settle(result is KmipObjectState state ? KmipLifecycle.WithState(current, state) : current, now);
            if (touch)
            {
                updated.Attributes.SetDate(N.LastChangeDate, now);
            }

            await KmipObjectRepository.UpdateAsync(c, tx, updated with { Changed = now }, dropMaterial: false, t);
            return result;
        }, ct);
    }
}
