using Keyhold.Kmip.Codec;

namespace Keyhold.KmipServer.Operations;

/// <summary>Builds a ResponsePayload's children; the buffer is wiped when disposed (Get answers carry material).</summary>
public static class Payload
{
    public static byte[] Write(Action<TtlvWriter> children)
    {
        using var w = new TtlvWriter(256);
        w.BeginStructure(KmipTag.ResponsePayload);
        children(w);
        w.EndStructure();
        return w.WrittenSpan[8..].ToArray();
    }

    public static byte[] UniqueIdentifier(string uid) => Write(w => w.WriteTextString(KmipTag.UniqueIdentifier, uid));
}
