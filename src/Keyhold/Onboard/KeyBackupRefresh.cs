using Keyhold.Ontap;

namespace Keyhold.Onboard;

/// <summary>
/// A key_backup refresh begun for a GET so it runs inside the GET's own read of the key manager's row
/// (<see cref="OnboardService.TryBeginBackup"/>, <see cref="OnboardService.RefreshBackupAsync"/>,
/// <see cref="OnboardService.EndBackup"/>). It holds the backup's refresh turn until ended.
/// </summary>
public sealed class KeyBackupRefresh
{
    internal KeyBackupRefresh(object backup, Guid keyManager, long number) => (Backup, KeyManager, Number) = (backup, keyManager, number);

    internal object Backup { get; }

    public Guid KeyManager { get; }

    internal long Number { get; }

    internal bool HasRun { get; private set; }

    /// <summary>The refreshed text (null: no longer an onboard key manager); valid once it has run.</summary>
    public StreamedString? Text { get; private set; }

    internal void Ran(StreamedString? text) => (Text, HasRun) = (text, true);
}
