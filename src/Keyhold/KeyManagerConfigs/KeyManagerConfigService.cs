using Keyhold.Keys;
using Keyhold.MetroCluster;
using Keyhold.Onboard;
using Keyhold.Ontap;
using Keyhold.Storage;

namespace Keyhold.KeyManagerConfigs;

/// <summary>
/// The rules of <c>/api/security/key-manager-configs</c>: every cheap check first, then the passphrase (KDF, behind the
/// per-client limiter) when Common Criteria mode is turned on, then one store transaction that checks again what a
/// concurrent change could have undone.
/// </summary>
public sealed class KeyManagerConfigService(IStore store, KeyManagerConfigRepository settings, OnboardService onboard, MetroClusterSync metroCluster)
{
    public const string PassphraseField = "passphrase";
    public const string PollingField = "health_monitor_polling_interval";
    public const string RetryField = "cloud_kms_retry_count";

    public Task<KeyManagerSettings> GetAsync(CancellationToken ct) => settings.GetAsync(ct);

    public async Task ModifyAsync(ChangeKeyManagerConfig change, CancellationToken ct)
    {
        CheckRange(change.PollingIntervalMinutes, PollingField, KeyManagerSettings.MinPollingMinutes, KeyManagerSettings.MaxPollingMinutes);
        CheckRange(change.CloudKmsRetryCount, RetryField, KeyManagerSettings.MinCloudKmsRetryCount, KeyManagerSettings.MaxCloudKmsRetryCount);
        var current = await settings.GetAsync(ct);
        var enabling = change.CommonCriteria == true && !current.CommonCriteria;
        KeyManager? okm = null;
        if (enabling)
        {
            okm = await CheckCommonCriteriaAsync(change.Passphrase, ct);
        }
        if (change.PollingIntervalMinutes is not null)
        {
            await store.ReadAsync(async (c, t) =>
            {
                await CheckExternalAsync(c, null, t);
                return 0;
            }, ct);
        }
        if (okm is not null)
        {
            // Last: the costly part, once every other check has passed.
            await onboard.VerifyPassphraseAsync(okm, change.Passphrase!, PassphraseField, ct);
        }
        await store.WriteAsync(async (c, tx, t) =>
        {
            var now = await KeyManagerConfigRepository.ReadAsync(c, tx, t);
            if (enabling && await KeyManagerRepository.FindByScopeAsync(c, tx, null, t) is not { Kind: KeyManager.Onboard })
            {
                throw new OntapException(OntapErrors.OnboardNotEnabled, "cc_mode_enabled");
            }
            if (change.PollingIntervalMinutes is not null)
            {
                await CheckExternalAsync(c, tx, t);
            }
            await KeyManagerConfigRepository.SaveAsync(c, tx, Apply(now, change), t);
            return 0;
        }, ct);
    }

    /// <summary>65537302, 65536806, 65537301 and 65536807, in that order; the onboard key manager whose passphrase is to be checked.</summary>
    private async Task<KeyManager> CheckCommonCriteriaAsync(string? passphrase, CancellationToken ct)
    {
        if (passphrase is null)
        {
            throw new OntapException(OntapErrors.CcModePassphraseRequired, PassphraseField);
        }
        // In Common Criteria mode the passphrase is 64..256 printable ASCII characters, so a shorter one cannot be the
        // right one for it; refused before the KDF runs.
        if (!PassphrasePolicy.IsValid(passphrase, cc: true))
        {
            throw new OntapException(OntapErrors.ConfigPassphraseLength, PassphraseField);
        }
        var okm = await store.ReadAsync((c, t) => KeyManagerRepository.FindByScopeAsync(c, null, null, t), ct);
        if (okm is not { Kind: KeyManager.Onboard })
        {
            throw new OntapException(OntapErrors.OnboardNotEnabled, "cc_mode_enabled");
        }
        if (metroCluster.Configured)
        {
            throw new OntapException(OntapErrors.MetroClusterInCcMode, "cc_mode_enabled");
        }
        return okm;
    }

    private static async Task CheckExternalAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, CancellationToken ct)
    {
        if (!await KeyManagerConfigRepository.HasExternalAsync(c, tx, ct))
        {
            throw new OntapException(OntapErrors.PollingNeedsExternal, PollingField);
        }
    }

    private static void CheckRange(long? value, string field, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw OntapErrors.ValueOutOfRange.With(field, v, field, min, max);
        }
    }

    private static KeyManagerSettings Apply(KeyManagerSettings now, ChangeKeyManagerConfig change)
    {
        var policies = KeyManagerSettings.Kinds.ToDictionary(k => k, k =>
        {
            var policy = now.Policy(k);
            return change.Policies.TryGetValue(k, out var edit)
                ? new HealthMonitorPolicy(edit.Enabled ?? policy.Enabled, edit.ManageVolumeOffline ?? policy.ManageVolumeOffline)
                : policy;
        });
        return new KeyManagerSettings(
            change.CommonCriteria ?? now.CommonCriteria,
            (int?)change.PollingIntervalMinutes ?? now.PollingIntervalMinutes,
            (int?)change.CloudKmsRetryCount ?? now.CloudKmsRetryCount,
            policies);
    }
}
