using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Ontap;

namespace Keyhold.KeyManagers;

/// <summary>
/// A key manager as a reader sees it: the row, and the costly parts only when asked for: the onboard key_backup
/// (<paramref name="HasKeyBackup"/>: asked for; the text may still be null), the external configuration, the status.
/// </summary>
public sealed record KeyManagerRecord(KeyManager KeyManager, bool HasKeyBackup, StreamedString? KeyBackup, ExternalRecord? External, KeyManagerHealth? Status)
{
    /// <summary>
    /// The store's change stamp (<see cref="Storage.IStore.ChangeStampAsync(CancellationToken)"/>) taken just before the
    /// one read that read every part of this record, so the record stays current while the stamp does; else null.
    /// </summary>
    public long? Version { get; init; }
}

/// <summary>status.code and status.message: 0 when no action is needed.</summary>
public sealed record KeyManagerHealth(long Code, string Message);

/// <summary>Which costly parts of a <see cref="KeyManagerRecord"/> to read.</summary>
/// <param name="Connectivity">external.servers.connectivity, from the connectivity monitors' last probes.</param>
public sealed record KeyManagerParts(bool KeyBackup, bool Status, bool Connectivity = false)
{
    public static readonly KeyManagerParts None = new(false, false);
}

/// <summary>A key manager as read for a GET of one record.</summary>
public sealed record FoundKeyManager(KeyManager Km)
{
    /// <summary>Its key_backup, refreshed in the same read as the row (<see cref="KeyManagerReader.FindAsync(Guid, bool, CancellationToken)"/>); null: read it apart.</summary>
    public KeyBackupRefresh? KeyBackup { get; init; }

    /// <summary>The store's change stamp, taken just before the read of the row (and its key_backup, when refreshed there); null when the store keeps none.</summary>
    public long? Version { get; init; }
}

/// <summary>Status codes Keyhold reports in status.code besides 0.</summary>
public static class KeyManagerStatus
{
    public const string Ok = "No action needed at this time.";
    public const long OnboardNotSynchronized = 65537201;
    public const long KeyServersUnavailable = 65537202;
}
