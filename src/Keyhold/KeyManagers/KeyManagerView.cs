using System.Text.Json.Nodes;
using Keyhold.Api.External;
using Keyhold.Keys;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.KeyManagers;

/// <summary>Builds the full ONTAP record of a key manager; costly parts only when the caller asks for them.</summary>
public sealed class KeyManagerView(OnboardService onboard, ExternalView external, IStore store)
{
    public const string StatusOk = "No action needed at this time.";

    /// <summary>
    /// For a GET of one key manager: its row and, when <paramref name="withBackup"/>, what its onboard key_backup is made of,
    /// in one store read. Null when there is no such key manager. Pass the result to <see cref="BuildAsync(FoundKeyManager, Func{string, bool}, CancellationToken)"/>.
    /// </summary>
    public Task<FoundKeyManager?> FindAsync(Guid uuid, bool withBackup, CancellationToken ct) =>
        store.ReadAsync(async (c, t) =>
        {
            var km = await KeyManagerRepository.FindAsync(c, null, uuid, t);
            if (km is null)
            {
                return null;
            }
            var backup = withBackup && km.Kind == KeyManager.Onboard ? await OnboardService.ReadBackupSourceAsync(c, uuid, t) : null;
            return new FoundKeyManager(km, withBackup, backup);
        }, ct);

    /// <summary>The record of a key manager found with <see cref="FindAsync"/>: the key_backup comes from what was read then.</summary>
    public Task<JsonObject> BuildAsync(FoundKeyManager found, Func<string, bool> wanted, CancellationToken ct) => BuildAsync(found.Km, wanted, found, ct);

    public Task<JsonObject> BuildAsync(KeyManager km, Func<string, bool> wanted, CancellationToken ct) => BuildAsync(km, wanted, null, ct);

    private async Task<JsonObject> BuildAsync(KeyManager km, Func<string, bool> wanted, FoundKeyManager? found, CancellationToken ct)
    {
        var json = new JsonObject
        {
            ["uuid"] = km.Uuid.ToString(),
            ["scope"] = km.Scope,
        };
        if (km.SvmUuid is { } svm)
        {
            json["svm"] = SvmReference.Of(svm, km.SvmName ?? "");
        }
        if (km.Kind == KeyManager.Onboard)
        {
            var onboardJson = new JsonObject { ["enabled"] = true };
            if (wanted("onboard.key_backup"))
            {
                onboardJson["key_backup"] = found is { HasBackup: true } ? onboard.Backup(found.Backup) : await onboard.BackupAsync(km.Uuid, ct);
            }
            json["onboard"] = onboardJson;
        }
        else
        {
            json["external"] = await external.BuildAsync(km, wanted("external.servers.connectivity"), ct);
        }
        json["volume_encryption"] = new JsonObject { ["supported"] = true, ["message"] = "", ["code"] = 0 };
        json["is_default_data_at_rest_encryption_disabled"] = km.DareDisabled;
        if (wanted("status.code") || wanted("status.message"))
        {
            json["status"] = await StatusAsync(km, ct);
        }
        json["_links"] = new JsonObject { ["self"] = new JsonObject { ["href"] = KeyManager.Href(km.Uuid) } };
        return json;
    }

    private async Task<JsonObject> StatusAsync(KeyManager km, CancellationToken ct)
    {
        if (km.Kind == KeyManager.Onboard)
        {
            var missing = await onboard.UnsynchronizedNodesAsync(km.Uuid, ct);
            if (missing.Count > 0)
            {
                return new JsonObject
                {
                    ["code"] = KeyManagerStatus.OnboardNotSynchronized,
                    ["message"] = $"The Onboard Key Manager is not synchronized on node(s): {string.Join(", ", missing.Select(n => n.Name))}. Synchronize it with PATCH onboard.synchronize and onboard.existing_passphrase.",
                };
            }
            return new JsonObject { ["code"] = 0, ["message"] = StatusOk };
        }
        return await external.StatusAsync(km, ct);
    }
}

/// <summary>A key manager as read for a GET: <paramref name="HasBackup"/> tells whether <paramref name="Backup"/> was read (null then: not onboard).</summary>
public sealed record FoundKeyManager(KeyManager Km, bool HasBackup, BackupSource? Backup);

/// <summary>Status codes Keyhold reports in status.code besides 0.</summary>
public static class KeyManagerStatus
{
    public const long OnboardNotSynchronized = 65537201;
    public const long KeyServersUnavailable = 65537202;
}
