using System.Data.Common;
using Keyhold.Jobs;

namespace Keyhold.Volumes;

/// <summary>
/// A volume whose encrypt or rekey job died with its node keeps its old key (the change is one transaction), so it
/// shows that key's state again instead of "encrypting"/"rekeying" forever. A volume another job still works on
/// (a retried PATCH on another node) is left to that job.
/// </summary>
public sealed class InterruptedEncryption : IInterruptedJobs
{
    public async Task SettleAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Job> interrupted, CancellationToken ct)
    {
        foreach (var description in interrupted.Select(j => j.Description).Distinct())
        {
            if (VolumeOf(description) is { } volume && !await JobRepository.AnyUnfinishedAsync(connection, transaction, description, ct))
            {
                await VolumeEncryption.SettleAsync(connection, transaction, volume, ct);
            }
        }
    }

    private static Guid? VolumeOf(string description) =>
        description.StartsWith(VolumeEncryption.JobPrefix, StringComparison.Ordinal)
        && Guid.TryParse(description[VolumeEncryption.JobPrefix.Length..], out var uuid) ? uuid : null;
}
