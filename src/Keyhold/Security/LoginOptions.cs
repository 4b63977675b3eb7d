namespace Keyhold.Security;

/// <summary>
/// How many password checks a stranger may cause (Keyhold:Login:*). Each check runs the password hash (tens of
/// milliseconds of a core), so checks are budgeted per client address and per account name, and only a few run at once.
/// A request with a credential this node already verified skips all of it.
/// </summary>
public sealed class LoginOptions
{
    public const string Section = "Keyhold:Login";

    /// <summary>Checks one client address may run in a burst.</summary>
    public int PerAddressBurst { get; set; } = 10;

    /// <summary>Checks one client address regains per second once its burst is spent.</summary>
    public int PerAddressPerSecond { get; set; } = 2;

    /// <summary>Checks of one account name (known or not) in a burst, from all addresses together.</summary>
    public int PerAccountBurst { get; set; } = 10;

    /// <summary>Checks of one account name regained per second.</summary>
    public int PerAccountPerSecond { get; set; } = 2;

    /// <summary>Password hashes running at once on this node (0: half the cores, at least one); the rest wait briefly or are refused.</summary>
    public int ConcurrentHashes { get; set; }

    /// <summary>How long a remembered credential is trusted before its account row is read again (changes on other nodes).</summary>
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(1);

    public int HashSlots => ConcurrentHashes > 0 ? ConcurrentHashes : Math.Max(1, Environment.ProcessorCount / 2);

    public string? Problem() =>
        PerAddressBurst < 1 || PerAddressPerSecond < 1 || PerAccountBurst < 1 || PerAccountPerSecond < 1 || ConcurrentHashes < 0
            ? "Keyhold:Login needs PerAddressBurst, PerAddressPerSecond, PerAccountBurst and PerAccountPerSecond of at least 1 and ConcurrentHashes >= 0."
            : RecheckAfter <= TimeSpan.Zero || RecheckAfter > TimeSpan.FromSeconds(1)
                ? "Keyhold:Login:RecheckAfter must be positive and at most one second (changes must reach every node within two)."
                : null;
}
