using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Cluster;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.MetroCluster;
using Keyhold.Storage;

namespace Keyhold.KeyManagers;

/// <summary>Routes key-manager changes to the onboard or external rules, and owns the rules they share.</summary>
public sealed class KeyManagerService(IStore store, OnboardService onboard, ExternalService external, MetroClusterSync metroCluster, ConfigurationDeletion deletion)
{
    public async Task<KeyManager> CreateAsync(CreateKeyManager command, CancellationToken ct)
    {
        var svm = await ResolveSvmAsync(command.Svm, ct);
        if (command.Onboard is not null && command.External is not null)
        {
            throw new OntapException(OntapErrors.OnboardAndExternalTogether, "external");
        }
        if (command.Scope is { } scope && scope != (svm is null ? "cluster" : "svm"))
        {
            throw new OntapException(OntapErrors.InvalidFieldValue, "scope", scope, "scope");
        }
        if (command.External is { } body)
        {
            if (svm is null && !command.Inactive)
            {
                await metroCluster.CheckExternalCreateAsync(ct);
            }
            return await external.CreateAsync(svm, body with { Policy = command.Policy }, ct, command.Inactive);
        }
        if (command.Onboard is not { } part)
        {
            throw new OntapException(OntapErrors.ExternalRequiresCertsAndServers, "external");
        }
        if (svm is not null)
        {
            throw new OntapException(OntapErrors.OnboardOnlyAdminSvm);
        }
        if (command.Inactive)
        {
            // Staged only: the MetroCluster rules apply when it is enabled, as to any onboard configuration.
            return await onboard.EnableAsync(new EnableOnboard(null, part.Passphrase, part.ExistingPassphrase, part.Synchronize, Inactive: true), ct);
        }
        if (part.Synchronize)
        {
            return await metroCluster.JoinAsync(part.Passphrase, part.ExistingPassphrase, ct);
        }
        if (part.ExistingPassphrase is null && part.Passphrase is { } passphrase && PassphrasePolicy.IsValid(passphrase))
        {
            // Only a body that would succeed asks the partner: refusals that need no partner stay as they were.
            await metroCluster.CheckOnboardCreateAsync(ct);
        }
        return await onboard.EnableAsync(new EnableOnboard(svm?.Uuid, part.Passphrase, part.ExistingPassphrase, part.Synchronize), ct);
    }

    /// <summary>
    /// The onboard part and the DARE flag commit in one transaction: all or nothing. The external part is still
    /// written by ExternalService in a transaction of its own, before the flag.
    /// </summary>
    /// <remarks>
    /// Only the SVM's enabled configuration: the commands a PATCH maps to (external modify, onboard update-passphrase,
    /// onboard sync) act on it, so a staged one is 65536828 (external) or 65537301 (onboard), before anything is checked
    /// and again inside the transaction (<see cref="InactiveConfigurations"/>).
    /// </remarks>
    public async Task ModifyAsync(KeyManager km, ModifyKeyManager command, CancellationToken ct)
    {
        InactiveConfigurations.RequireKeyManagerOfItsSvm(km, "uuid");
        using var onboardWrite = command.Onboard switch
        {
            null => null,
            // On a MetroCluster, onboard sync pulls the partner's hierarchy too (after its passphrase changed, or new keys).
            { Synchronize: true } part when metroCluster.Configured => await metroCluster.ResyncAsync(km, part.ExistingPassphrase, part.Passphrase, ct),
            var part => await onboard.PrepareAsync(km, new ChangeOnboard(part.ExistingPassphrase, part.Passphrase, part.Synchronize), ct),
        };
        if (command.External is { } body)
        {
            if (km.Kind != KeyManager.External)
            {
                throw new OntapException(OntapErrors.ExternalNotEnabled, "external");
            }
            await external.ModifyAsync(km, body, ct);
        }
        if (onboardWrite is null && command.DareDisabled is null)
        {
            return;
        }
        await store.WriteAsync(async (c, tx, t) =>
        {
            await InactiveConfigurations.RequireKeyManagerOfItsSvmAsync(c, tx, km.Uuid, "uuid", t);
            if (onboardWrite is not null)
            {
                await onboardWrite.ApplyAsync(c, tx, t);
            }
            if (command.DareDisabled is { } disabled)
            {
                await KeyManagerRepository.SetDareDisabledAsync(c, tx, km.Uuid, disabled, t);
            }
            return 0;
        }, ct);
    }

    /// <summary>
    /// DELETE /api/security/key-managers/{uuid}: the enabled configuration while no encrypted volume uses it; an inactive
    /// one as DELETE /api/security/key-stores/{uuid} deletes it, with the same checks (<see cref="ConfigurationDeletion"/>).
    /// </summary>
    public Task DeleteAsync(KeyManager km, CancellationToken ct) => deletion.DeleteAsync(km.Uuid, ConfigurationDeletion.Door.KeyManagers, ct);

    /// <summary>svm.uuid and/or svm.name; both must name the same SVM.</summary>
    private async Task<Svm?> ResolveSvmAsync(SvmSelector selector, CancellationToken ct)
    {
        var (uuidText, name) = selector;
        if (uuidText is null && name is null)
        {
            return null;
        }
        return await store.ReadAsync(async (c, t) =>
        {
            Svm? svm;
            if (uuidText is not null)
            {
                svm = Guid.TryParse(uuidText, out var uuid) ? await SvmRepository.FindAsync(c, null, uuid, t) : null;
                if (svm is null || (name is not null && name != svm.Name))
                {
                    throw new OntapException(OntapErrors.SvmNotFound, "svm.uuid", uuidText);
                }
                return svm;
            }
            return await SvmRepository.FindByNameAsync(c, null, name!, t) ?? throw new OntapException(OntapErrors.SvmNotFound, "svm.name", name!);
        }, ct);
    }
}
