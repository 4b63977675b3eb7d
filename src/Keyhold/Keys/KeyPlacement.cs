namespace Keyhold.Keys;

/// <summary>
/// Where a key lives and whether a node can use it, as key-ids reports it.
/// </summary>
/// <param name="KeyManager">"onboard", or the key server's host:port.</param>
/// <param name="KeyServer">The key server's host:port (external keys only).</param>
/// <param name="Restored">The node holds what it needs to use the key now.</param>
public sealed record KeyPlacement(string KeyManager, string? KeyServer, bool Restored);
