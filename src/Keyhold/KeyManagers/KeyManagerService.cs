using System.Text.Json.Nodes;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Cluster;
using Keyhold.External;
using Keyhold.Keys;
using Keyhold.Storage;

namespace Keyhold.KeyManagers;

/// <summary>Routes key-manager changes to the onboard or external rules, and owns the rules they share.</summary>
public sealed class KeyManagerService(IStore store, OnboardService onboard, ExternalService external)
{
    public async Task<KeyManager> CreateAsync(JsonObject body, CancellationToken ct)
    {
        var svm = await ResolveSvmAsync(body, ct);
        var hasOnboard = body["onboard"] is JsonObject;
        var hasExternal = body["external"] is JsonObject;
        if (hasOnboard && hasExternal)
        {
            throw new OntapException(OntapErrors.OnboardAndExternalTogether, "external");
        }
        if (body.GetString("scope") is { } scope && scope != (svm is null ? "cluster" : "svm"))
        {
            throw new OntapException(OntapErrors.InvalidFieldValue, "scope", scope, "scope");
        }
        if (hasExternal)
        {
            return await external.CreateAsync(svm, Api.External.ExternalBody.ToEnable(body), ct);
        }
        if (!hasOnboard)
        {
            throw new OntapException(OntapErrors.ExternalRequiresCertsAndServers, "external");
        }
        return await onboard.EnableAsync(svm?.Uuid, body.GetString("onboard.passphrase"), body.GetString("onboard.existing_passphrase"),
            body.GetBool("onboard.synchronize") ?? false, ct);
    }

    public async Task ModifyAsync(KeyManager km, JsonObject body, CancellationToken ct)
    {
        if (body["onboard"] is JsonObject)
        {
            await onboard.ModifyAsync(km, body.GetString("onboard.existing_passphrase"), body.GetString("onboard.passphrase"),
                body.GetBool("onboard.synchronize") ?? false, ct);
        }
        if (body["external"] is JsonObject)
        {
            if (km.Kind != KeyManager.External)
            {
                throw new OntapException(OntapErrors.ExternalNotEnabled, "external");
            }
            await external.ModifyAsync(km, Api.External.ExternalBody.ToModify(body), ct);
        }
        if (body.GetBool("is_default_data_at_rest_encryption_disabled") is { } disabled)
        {
            await store.WriteAsync(async (c, tx, t) =>
            {
                await KeyManagerRepository.SetDareDisabledAsync(c, tx, km.Uuid, disabled, t);
                return 0;
            }, ct);
        }
    }

    public async Task DeleteAsync(KeyManager km, CancellationToken ct)
    {
        await store.WriteAsync(async (c, tx, t) =>
        {
            if (await DataKeyRepository.CountAsync(c, tx, km.Uuid, t) > 0)
            {
                throw new OntapException(km.SvmUuid is null ? OntapErrors.EncryptedVolumesExist : OntapErrors.EncryptedVolumesFound);
            }
            await KeyManagerRepository.DeleteAsync(c, tx, km.Uuid, t);
            return 0;
        }, ct);
        onboard.Forget(km.Uuid);
        await external.ForgetAsync(km);
    }

    /// <summary>svm.uuid and/or svm.name in a body; both must name the same SVM.</summary>
    private async Task<Svm?> ResolveSvmAsync(JsonObject body, CancellationToken ct)
    {
        var uuidText = body.GetString("svm.uuid");
        var name = body.GetString("svm.name");
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
