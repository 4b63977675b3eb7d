using Keyhold.Keys;
using Keyhold.Jobs;

namespace Keyhold.Migration;

/// <summary>POST /api/security/key-managers/{source.uuid}/migrate: checks the request, then moves the keys as a job.</summary>
public sealed class MigrationService(MigrationRules rules, KeyMigration migration, JobRunner jobs)
{
    public async Task<Job> StartAsync(MigrateKeys command, CancellationToken ct)
    {
        var plan = await rules.PlanAsync(command, ct);
        return await jobs.StartAsync($"POST {KeyManager.Href(plan.Source.Uuid)}/migrate", t => migration.RunAsync(plan, t), ct);
    }
}
