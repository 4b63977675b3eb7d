using System.Threading.RateLimiting;
using Keyhold.Ontap;

namespace Keyhold.Security;

/// <summary>
/// The gate in front of the password hash: a token per check from the client address's bucket and from the account
/// name's bucket (unknown names have buckets too, so they cannot be told apart), then one of a few hash slots. A
/// refusal costs no hash: it is raised before any runs.
/// </summary>
public sealed class LoginLimiter : IDisposable
{
    public const string NoAddress = "-";

    private readonly PartitionedRateLimiter<string> addresses;
    private readonly PartitionedRateLimiter<string> accounts;
    private readonly ConcurrencyLimiter hashes;

    public LoginLimiter(LoginOptions? options = null)
    {
        var o = options ?? new LoginOptions();
        addresses = Buckets(o.PerAddressBurst, o.PerAddressPerSecond);
        accounts = Buckets(o.PerAccountBurst, o.PerAccountPerSecond);
        // A short queue absorbs a legitimate burst of first logins; beyond it waiting would only pile up requests.
        hashes = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = o.HashSlots,
            QueueLimit = o.HashSlots * 4,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>A lease on one hash slot for <paramref name="name"/> from <paramref name="address"/>, or 429 (LoginThrottled).</summary>
    public async Task<IDisposable> AcquireAsync(string address, string name, CancellationToken ct)
    {
        // "-": no network address (in-process callers, service tests); only the account's budget and the slots apply.
        using (var byAddress = address == NoAddress ? null : addresses.AttemptAcquire(address))
        using (var byAccount = byAddress?.IsAcquired != false ? accounts.AttemptAcquire(name) : null)
        {
            if (byAccount?.IsAcquired != true)
            {
                throw OntapErrors.LoginThrottled.With();
            }
        }
        var slot = await hashes.AcquireAsync(1, ct);
        if (!slot.IsAcquired)
        {
            slot.Dispose();
            throw OntapErrors.LoginThrottled.With();
        }
        return slot;
    }

    private static PartitionedRateLimiter<string> Buckets(int burst, int perSecond) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);

    public void Dispose()
    {
        addresses.Dispose();
        accounts.Dispose();
        hashes.Dispose();
    }
}
