using Keyhold.Kmip;

namespace Keyhold.KmipObjects;

/// <summary>
/// A KMIP managed object as the store keeps it. <see cref="Attributes"/> holds every attribute (the state and identifiers
/// included); <see cref="Wrapped"/> the encoded object, material included, wrapped under the onboard root key of
/// <see cref="KeyManagerUuid"/> (null for a template or a destroyed object, which have no material).
/// </summary>
public sealed record KmipObject(
    string Uid,
    string Owner,
    ObjectType ObjectType,
    KmipObjectState State,
    KmipAttributeList Attributes,
    byte[]? Wrapped,
    Guid? KeyManagerUuid,
    DateTimeOffset Created,
    DateTimeOffset Changed)
{
    /// <summary>Purpose bound into the wrap, so a wrapped KMIP object cannot pass for an ONTAP data key.</summary>
    public const string WrapPurpose = "kmip-object";

    public string? FirstName => Attributes.FirstName();
}
