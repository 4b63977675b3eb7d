using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.KeyRestore;

/// <summary>
/// The restore job: every key of the plan is checked on every primary key server and registered again where one lacks it
/// (<see cref="KeyCopies"/>, outside any transaction); then the new locations of all restored keys are stored in one
/// transaction. Copies that could not be recorded (the row changed meanwhile, or the write failed) are destroyed again.
/// </summary>
public sealed class KeyRestorer(IStore store, KmipClients clients, KeyCopies copies, ILogger<KeyRestorer> log)
{
    public async Task<string> RunAsync(RestorePlan plan, CancellationToken ct)
    {
        var keys = (await store.ReadAsync((c, t) => DataKeyRepository.ListAsync(c, null, plan.Km.Uuid, t), ct)).Where(plan.Covers).ToList();
        var primaries = await clients.ForAsync(plan.Km, ct);
        var repairs = new List<KeyRepair>();
        foreach (var key in keys)
        {
            repairs.Add(await copies.RepairAsync(plan, key, primaries, ct));
        }
        var changed = repairs.Where(r => r.Added.Count > 0).ToList();
        HashSet<string> recorded;
        try
        {
            recorded = changed.Count == 0 ? [] : await store.WriteAsync(async (c, tx, t) =>
            {
                var configured = (await ExternalRepository.ServersAsync(c, tx, plan.Km.Uuid, t)).Select(s => s.Server).ToHashSet();
                var done = new HashSet<string>();
                foreach (var repair in changed.Where(r => r.Added.All(a => configured.Contains(a.Server))))
                {
                    if (await RestoredKeyRows.UpdateLocationsAsync(c, tx, repair.Key, repair.Key.Metadata, repair.Metadata(), t) == 1)
                    {
                        done.Add(repair.Key.KeyId);
                    }
                }
                return done;
            }, ct);
        }
        catch
        {
            foreach (var repair in changed)
            {
                await copies.AbandonAsync(repair.Added, primaries);
            }
            throw;
        }
        var report = new RestoreReport(plan.Node.Name);
        foreach (var repair in repairs)
        {
            var stored = repair.Added.Count == 0 || recorded.Contains(repair.Key.KeyId);
            if (!stored)
            {
                await copies.AbandonAsync(repair.Added, primaries);
            }
            report.Add(repair, stored);
        }
        log.LogInformation("Key restore of key manager {KeyManager}: {Message}", plan.Km.Uuid, report.Message);
        return report.Failure() is { } failure ? throw failure : report.Message;
    }
}
