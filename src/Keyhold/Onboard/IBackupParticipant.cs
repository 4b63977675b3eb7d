using System.Data.Common;

namespace Keyhold.Onboard;

/// <summary>
/// Data that a feature above Onboard keeps wrapped under the onboard root key (KMIP objects): its entries ride in
/// key_backup beside the data keys, with their own key type, and onboard recovery hands them back to it. Lets the
/// backup carry them without Onboard knowing the feature.
/// </summary>
public interface IBackupParticipant
{
    /// <summary>The key type of this participant's backup entries (never an ONTAP key type).</summary>
    string KeyType { get; }

    /// <summary>Entries for the backup of <paramref name="keyManager"/>: wrapped under its root key, bound to ID and <see cref="KeyType"/>.</summary>
    Task<IReadOnlyList<BackupKey>> ReadAsync(DbConnection c, Guid keyManager, CancellationToken ct);

    /// <summary>Stores one entry again in recovery's transaction, now under <paramref name="keyManager"/> (the recovered one).</summary>
    Task RestoreAsync(DbConnection c, DbTransaction tx, Guid keyManager, BackupKey entry, CancellationToken ct);
}
