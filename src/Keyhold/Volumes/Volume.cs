namespace Keyhold.Volumes;

/// <summary>A volume: the consumer of one VEK when encrypted (<see cref="KeyId"/> set), of none otherwise.</summary>
/// <param name="Attributes">
/// The stored-only ONTAP fields as JSON text: Keyhold keeps them for clients but does not act on them, so the domain
/// carries them as they are stored; the ONTAP core validates them and the REST door shows them.
/// </param>
public sealed record Volume(Guid Uuid, Guid SvmUuid, string SvmName, string Name, long Size, string State, string EncryptionState, string? KeyId,
    string Attributes = "{}")
{
    public const string Href = "/api/storage/volumes/";

    public bool Encrypted => KeyId is not null;
}
