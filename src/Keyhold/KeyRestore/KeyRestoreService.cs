using Keyhold.Jobs;
using Keyhold.Keys;

namespace Keyhold.KeyRestore;

/// <summary>POST /api/security/key-managers/{uuid}/restore: checks the request, then restores the keys as a job.</summary>
public sealed class KeyRestoreService(KeyRestoreRules rules, KeyRestorer restorer, JobRunner jobs)
{
    public async Task<Job> StartAsync(RestoreKeys command, CancellationToken ct)
    {
        var plan = await rules.PlanAsync(command, ct);
        return await jobs.StartAsync($"POST {KeyManager.Href(plan.Km.Uuid)}/restore", t => restorer.RunAsync(plan, t), ct, plan.Km.SvmUuid);
    }
}
