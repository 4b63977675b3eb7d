using Keyhold.Kmip;
using Keyhold.Kmip.Codec;
using N = Keyhold.Kmip.Server.KmipAttributeNames;

namespace Keyhold.KmipObjects;

/// <summary>
/// KMIP's state machine (1.4 section 3.22): the dates an object carries move it on when they pass, and the operations
/// move it explicitly. The State attribute always mirrors the state column.
/// </summary>
public static class KmipLifecycle
{
    /// <summary>The object as of <paramref name="now"/>: an Activation or Deactivation Date that has passed takes effect.</summary>
    public static KmipObject Settle(KmipObject o, DateTimeOffset now)
    {
        KmipObjectState state = o.State;
        if (state == KmipObjectState.PreActive && Passed(o, N.ActivationDate, now))
        {
            state = KmipObjectState.Active;
        }

        if (state is KmipObjectState.PreActive or KmipObjectState.Active && Passed(o, N.DeactivationDate, now))
        {
            state = KmipObjectState.Deactivated;
        }

        return state == o.State ? o : WithState(o, state);
    }

    public static KmipObject WithState(KmipObject o, KmipObjectState state)
    {
        var attributes = o.Attributes.Copy();
        attributes.SetEnum(N.State, (uint)state);
        return o with { State = state, Attributes = attributes };
    }

    private static bool Passed(KmipObject o, string name, DateTimeOffset now) =>
        o.ObjectType != ObjectType.Template && o.Attributes.Find(name) is { Type: TtlvType.DateTime } a &&
        System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(a.Value) <= now.ToUnixTimeSeconds();
}
