namespace Keyhold.Kmip.Codec;

/// <summary>Bounds applied while decoding untrusted TTLV so hostile input cannot exhaust stack or memory.</summary>
public sealed record TtlvLimits
{
    public static TtlvLimits Default { get; } = new();

    /// <summary>Most structures nested inside each other (KMIP messages need fewer than 10).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most items accepted in one message; each item costs a small object.</summary>
    public int MaxItems { get; init; } = 100_000;
}
