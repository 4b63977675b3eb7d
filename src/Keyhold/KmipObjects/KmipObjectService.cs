using System.Security.Cryptography;
using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.Keys;
using Keyhold.Kmip.Server;
using Keyhold.Storage;
using N = Keyhold.Kmip.Server.KmipAttributeNames;

namespace Keyhold.KmipObjects;

/// <summary>
/// The KMIP object rules: Create and Register (material wrapped under the onboard root key, then one insert), Get,
/// attributes, lifecycle and Locate. Every object belongs to the identity that made it; another identity is told the
/// object does not exist. Refusals are <see cref="KmipFaultException"/>s with the reason KMIP prescribes.
/// </summary>
public sealed partial class KmipObjectService(IStore store, KmipMaterial material, TimeProvider clock)
{
    /// <summary>The onboard key manager the last object was wrapped under; every write checks it is still the cluster's.</summary>
    private KeyManager? onboard;

    /// <summary>Largest encoded object (material included) accepted by Register.</summary>
    public const int MaxObjectSize = Onboard.RootKey.MaxDataKeyLength;

    public async Task<KmipObject> CreateAsync(string owner, ObjectType type, KmipAttributeList template, CancellationToken ct)
    {
        if (type != ObjectType.SymmetricKey)
        {
            throw new KmipFaultException(ResultReason.InvalidField, "Create makes symmetric keys only.");
        }

        KmipAttributeList attributes = await ResolveAsync(owner, template, ct);
        uint algorithm = attributes.Enum(N.CryptographicAlgorithm)
            ?? throw new KmipFaultException(ResultReason.InvalidField, "Create needs a Cryptographic Algorithm.");
        int length = attributes.Int(N.CryptographicLength)
            ?? throw new KmipFaultException(ResultReason.InvalidField, "Create needs a Cryptographic Length.");
        byte[] key = KeyGenerator.Generate(algorithm, length);
        byte[]? encoded = null;
        try
        {
            encoded = ManagedObjectCodec.SymmetricKey(key, algorithm, length);
            ManagedObjectCodec.Facts facts = ManagedObjectCodec.FactsOfNewKey(key, algorithm, length);
            return await StoreNewAsync(owner, type, attributes, encoded, facts, generated: true, ct);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            if (encoded is not null)
            {
                CryptographicOperations.ZeroMemory(encoded);
            }
        }
    }

    /// <summary>Registers a client's object; <paramref name="o"/> is its structure (Symmetric Key, Secret Data, ...).</summary>
    public async Task<KmipObject> RegisterAsync(string owner, ObjectType type, TtlvElement o, KmipAttributeList template, CancellationToken ct)
    {
        if (o.Tag != ManagedObjectCodec.TagOf(type))
        {
            throw new KmipFaultException(ResultReason.InvalidField, $"The object's structure does not match Object Type {type}.");
        }

        KmipAttributeList attributes = await ResolveAsync(owner, template, ct);
        if (type == ObjectType.Template)
        {
            return await StoreTemplateAsync(owner, o, attributes, ct);
        }

        int size = o.Value.Length + 8;
        if (size > MaxObjectSize)
        {
            throw new KmipFaultException(ResultReason.InvalidField, $"Objects of more than {MaxObjectSize} bytes are not accepted.");
        }

        ManagedObjectCodec.Facts facts = ManagedObjectCodec.Inspect(type, o);
        if (facts.Algorithm is { } algorithm && !attributes.Has(N.CryptographicAlgorithm))
        {
            attributes.SetEnum(N.CryptographicAlgorithm, algorithm);
        }

        if (facts.LengthBits is { } bits && !attributes.Has(N.CryptographicLength))
        {
            attributes.SetInt(N.CryptographicLength, bits);
        }

        byte[] encoded = new byte[size];
        try
        {
            using (var w = new TtlvWriter(size))
            {
                w.WriteRaw(o.Tag, o.Type, o.Value.Span);
                w.WrittenSpan.CopyTo(encoded);
            }

            return await StoreNewAsync(owner, type, attributes, encoded, facts, generated: false, ct);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
        }
    }

    /// <summary>
    /// The object's structure for Get, in the requested key format (the caller zeroes it), and, on the first Get of a
    /// fresh object, the write that clears Fresh, not yet queued: the caller starts it (once its answer is on its way)
    /// and must see it done before its next request is served.
    /// </summary>
    public async Task<(KmipObject Object, byte[] Encoded, Func<Task>? ClearFresh)> GetAsync(string owner, string uid, uint? keyFormat, CancellationToken ct)
    {
        KmipObject o = await ReadAsync(owner, uid, ct);
        if (o.ObjectType == ObjectType.Template)
        {
            return (o, TemplateStructure(o), null);
        }

        byte[] stored = await material.UnwrapAsync(o, ct);
        byte[] answer = ManagedObjectCodec.ForGet(stored, keyFormat);
        if (!ReferenceEquals(answer, stored))
        {
            CryptographicOperations.ZeroMemory(stored);
        }

        Func<Task>? clearFresh = null;
        if (o.Attributes.Find(N.Fresh) is { } fresh && fresh.Value[^1] == 1)
        {
            // Served once: no longer fresh (KMIP 1.4 section 3.34). A lost race only repeats the same change. Unflushed: the
            // mark is bookkeeping, not a key, so Get does not pay an fsync; a power loss may only show the key fresh again.
            // Not queued here: the caller queues it once the answer is sent, so the store's writer does not take the CPU
            // the answer needs on its way out (see KmipSession).
            clearFresh = () => MutateAsync(owner, uid, (x, _) => { x.Attributes.SetBool(N.Fresh, false); return 0; }, CancellationToken.None, touch: false, flush: false);
        }

        return (o, answer, clearFresh);
    }

    /// <summary>An object of <paramref name="owner"/> without its material, its state as of now.</summary>
    public async Task<KmipObject> ReadAsync(string owner, string uid, CancellationToken ct)
    {
        KmipObject o = await store.ReadAsync((c, t) => KmipObjectRepository.FindAsync(c, null, uid, t), ct) ?? throw NotFound();
        return o.Owner == owner ? KmipLifecycle.Settle(o, clock.GetUtcNow()) : throw NotFound();
    }

    internal static KmipFaultException NotFound() => new(ResultReason.ItemNotFound, "No such object.");

    private async Task<KmipObject> StoreNewAsync(string owner, ObjectType type, KmipAttributeList attributes, byte[] encoded,
        ManagedObjectCodec.Facts facts, bool generated, CancellationToken ct)
    {
        string uid = Guid.NewGuid().ToString();
        DateTimeOffset now = clock.GetUtcNow();
        KmipAttributeList all = ServerAttributes(uid, type, attributes, facts, now, generated);
        // The onboard key manager last seen saves a read per object; the write checks it is still the one, and a changed one
        // is read again once (a missing onboard key manager is refused before anything is stored).
        for (int attempt = 0; ; attempt++)
        {
            KeyManager? seen = attempt == 0 ? Volatile.Read(ref onboard) : null;
            KeyManager km = seen ?? await ReadOnboardAsync(ct);
            Guid keyManager;
            byte[] wrapped;
            try
            {
                // Wrapped before the write: the root key is read outside the store's writer.
                (keyManager, wrapped) = await material.WrapAsync(km, uid, encoded, ct);
            }
            catch (KmipFaultException) when (seen is not null)
            {
                // The remembered key manager is gone (its root key with it): read the cluster's again.
                Volatile.Write(ref onboard, null);
                continue;
            }

            var o = KmipLifecycle.Settle(new KmipObject(uid, owner, type, KmipObjectState.PreActive, all, wrapped, keyManager, now, now), now);
            bool stored = await store.WriteAsync(async (c, tx, t) =>
            {
                // The onboard key manager must still be the one that wrapped it when the row lands.
                if ((await KmipMaterial.OnboardAsync(c, tx, t)).Uuid != keyManager)
                {
                    return false;
                }

                await KmipObjectRepository.InsertAsync(c, tx, o, t);
                return true;
            }, ct);
            if (stored)
            {
                return o;
            }

            Volatile.Write(ref onboard, null);
            if (attempt > 0)
            {
                throw KmipMaterial.NoOnboard();
            }
        }
    }

    /// <summary>The cluster's onboard key manager, read from the store and remembered for the next object.</summary>
    private async Task<KeyManager> ReadOnboardAsync(CancellationToken ct)
    {
        KeyManager km = await store.ReadAsync((c, t) => KmipMaterial.OnboardAsync(c, null, t), ct);
        Volatile.Write(ref onboard, km);
        return km;
    }

    private async Task<KmipObject> StoreTemplateAsync(string owner, TtlvElement template, KmipAttributeList attributes, CancellationToken ct)
    {
        // A 1.x template: a named set of attributes that later Create/Register requests may refer to by name.
        var inside = new KmipAttributeList(template.FindAll(KmipTag.Attribute).Select(a => KmipAttribute.Read1x(a)));
        foreach (KmipAttribute a in inside.Items)
        {
            KmipAttributeRules.CheckInitial(a);
        }

        string uid = Guid.NewGuid().ToString();
        DateTimeOffset now = clock.GetUtcNow();
        foreach (KmipAttribute a in attributes.Items)
        {
            inside.Add(a.Name, a.Type, a.Value);
        }

        inside.SetText(N.UniqueIdentifier, uid);
        inside.SetEnum(N.ObjectType, (uint)ObjectType.Template);
        inside.SetDate(N.InitialDate, now);
        inside.SetDate(N.LastChangeDate, now);
        var o = new KmipObject(uid, owner, ObjectType.Template, KmipObjectState.PreActive, inside, null, null, now, now);
        await store.WriteAsync(async (c, tx, t) =>
        {
            await KmipObjectRepository.InsertAsync(c, tx, o, t);
            return 0;
        }, ct);
        return o;
    }

    private static byte[] TemplateStructure(KmipObject o)
    {
        using var w = new TtlvWriter(256);
        w.BeginStructure(KmipTag.Template);
        foreach (KmipAttribute a in o.Attributes.Items.Where(a => a.Name is not (N.UniqueIdentifier or N.ObjectType or N.InitialDate or N.LastChangeDate)))
        {
            a.Write(w, ProtocolVersion.V1_4);
        }

        w.EndStructure();
        return w.ToArray();
    }

    /// <summary>
    /// The client's attributes checked, with any templates it named merged in first (explicit attributes win), in order.
    /// </summary>
    private async Task<KmipAttributeList> ResolveAsync(string owner, KmipAttributeList template, CancellationToken ct)
    {
        var result = new KmipAttributeList();
        foreach (string name in TemplateNames(template))
        {
            List<KmipObject> owned = await store.ReadAsync((c, t) => KmipObjectRepository.OwnedAsync(c, null, owner, t), ct);
            KmipObject found = owned.FirstOrDefault(o => o.ObjectType == ObjectType.Template && o.Attributes.All(N.Name).Any(a => NameValue(a) == name))
                ?? throw new KmipFaultException(ResultReason.ItemNotFound, "No template has that name.");
            foreach (KmipAttribute a in found.Attributes.Items.Where(a => a.Name is not (N.UniqueIdentifier or N.ObjectType or N.InitialDate or N.LastChangeDate or N.Name)))
            {
                result.Set(a.Name, a.Type, a.Value, a.Index);
            }
        }

        foreach (KmipAttribute a in template.Items.Where(a => a.Name != TemplateReference))
        {
            KmipAttributeRules.CheckInitial(a);
            if (KmipAttributeRules.IsMultiValued(a.Name))
            {
                result.Add(a.Name, a.Type, a.Value);
            }
            else
            {
                result.Set(a.Name, a.Type, a.Value);
            }
        }

        return result;
    }

    /// <summary>The pseudo-attribute a door uses for a template named inside a TemplateAttribute (1.0–1.3).</summary>
    public const string TemplateReference = "#template";

    private static IEnumerable<string> TemplateNames(KmipAttributeList template) =>
        template.All(TemplateReference).Select(NameValue).OfType<string>();

    private static string? NameValue(KmipAttribute a) =>
        a.Type == TtlvType.Structure ? a.ValueElement().Find(KmipTag.NameValue)?.GetText() : null;

    private static KmipAttributeList ServerAttributes(string uid, ObjectType type, KmipAttributeList client,
        ManagedObjectCodec.Facts facts, DateTimeOffset now, bool generated)
    {
        var all = client.Copy();
        all.SetText(N.UniqueIdentifier, uid);
        all.SetEnum(N.ObjectType, (uint)type);
        all.SetStructure(N.Digest, w => ManagedObjectCodec.WriteDigest(w, facts));
        all.SetDate(N.InitialDate, now);
        all.SetDate(N.LastChangeDate, now);
        all.SetDate(N.OriginalCreationDate, now);
        all.SetBool(N.Fresh, true);
        // Leases are not enforced; clients that read one learn how long to keep a key between Gets.
        all.SetInterval(N.LeaseTime, 3600);
        all.SetBool(N.AlwaysSensitive, all.Find(N.Sensitive) is { } s && s.Value[^1] == 1);
        if (!all.Has(N.Sensitive))
        {
            all.SetBool(N.Sensitive, false);
        }

        if (!all.Has(N.Extractable))
        {
            all.SetBool(N.Extractable, true);
        }

        all.SetBool(N.NeverExtractable, all.Find(N.Extractable) is { } e && e.Value[^1] == 0);
        if (generated)
        {
            // .NET's RandomNumberGenerator is OpenSSL's AES-256 CTR DRBG on Linux (NIST SP 800-90A).
            all.SetStructure(N.RandomNumberGenerator, w =>
            {
                w.WriteEnumeration(KmipTag.RngAlgorithm, 3);
                w.WriteEnumeration(KmipTag.CryptographicAlgorithm, KeyGenerator.Aes);
                w.WriteInteger(KmipTag.CryptographicLength, 256);
            });
        }

        all.SetEnum(N.State, (uint)KmipObjectState.PreActive);
        return all;
    }
}
