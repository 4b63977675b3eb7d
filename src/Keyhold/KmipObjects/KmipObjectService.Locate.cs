using System.Buffers.Binary;
using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using Keyhold.Kmip.Server;
using N = Keyhold.Kmip.Server.KmipAttributeNames;

namespace Keyhold.KmipObjects;

/// <summary>
/// Locate (KMIP 1.4 section 4.9): the caller's objects that carry every given attribute value. A date attribute given
/// twice is a range. Answers come in creation order, after <c>offset</c>, at most <c>maximum</c>.
/// </summary>
public sealed partial class KmipObjectService
{
    public async Task<IReadOnlyList<string>> LocateAsync(string owner, IReadOnlyList<KmipAttribute> filters, int? maximum, int offset, CancellationToken ct)
    {
        if (maximum is < 0 || offset < 0)
        {
            throw new KmipFaultException(ResultReason.InvalidField, "Maximum Items and Offset Items cannot be negative.");
        }

        DateTimeOffset now = clock.GetUtcNow();
        List<KmipObject> owned = await store.ReadAsync((c, t) => KmipObjectRepository.OwnedAsync(c, null, owner, t), ct);
        var groups = filters.GroupBy(f => f.Name).ToList();
        IEnumerable<string> found = owned
            .Select(o => KmipLifecycle.Settle(o, now))
            .Where(o => o.ObjectType != ObjectType.Template || groups.Any(g => g.Key == N.ObjectType))
            .Where(o => groups.All(g => Matches(o, g.Key, [.. g])))
            .Select(o => o.Uid)
            .Skip(offset);
        return [.. maximum is { } max ? found.Take(max) : found];
    }

    private static bool Matches(KmipObject o, string name, IReadOnlyList<KmipAttribute> wanted)
    {
        var present = o.Attributes.All(name).ToList();
        if (wanted.Count == 2 && wanted.All(w => w.Type == TtlvType.DateTime))
        {
            long from = Seconds(wanted[0]), to = Seconds(wanted[1]);
            return present.Any(p => p.Type == TtlvType.DateTime && Seconds(p) >= Math.Min(from, to) && Seconds(p) <= Math.Max(from, to));
        }

        return wanted.All(w => present.Any(p => Same(p, w)));
    }

    /// <summary>Equal values; a Name matches on its value alone when the filter gives no type.</summary>
    private static bool Same(KmipAttribute present, KmipAttribute wanted)
    {
        if (present.SameValue(wanted))
        {
            return true;
        }

        if (wanted.Name is N.Name or N.AlternativeName && present.Type == TtlvType.Structure && wanted.Type == TtlvType.Structure)
        {
            TtlvElement p = present.ValueElement(), w = wanted.ValueElement();
            return w.Children.All(child => p.Find(child.Tag) is { } same && same.Type == child.Type && same.Value.Span.SequenceEqual(child.Value.Span));
        }

        return false;
    }

    private static long Seconds(KmipAttribute a) => BinaryPrimitives.ReadInt64BigEndian(a.Value);
}
