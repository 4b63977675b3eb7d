namespace Keyhold.Security;

/// <summary>
/// Who is behind the current operation: the account, the client address and the door it came through (ONTAP's audit
/// "application": http, or Keyhold's kmip). Each door sets it once per request with <see cref="Use"/>; the audit and the
/// passphrase-guess limiter read it, so no command has to carry it through every service.
/// </summary>
public sealed record Caller(string User, string Address, string Application)
{
    public const string Http = "http", Kmip = "kmip", Console = "console";

    private static readonly AsyncLocal<Caller?> current = new();

    /// <summary>The caller of the operation in progress, or null outside any request (start-up, background work).</summary>
    public static Caller? Current => current.Value;

    /// <summary>Makes <paramref name="caller"/> current for the rest of this asynchronous flow.</summary>
    public static void Use(Caller? caller) => current.Value = caller;
}
