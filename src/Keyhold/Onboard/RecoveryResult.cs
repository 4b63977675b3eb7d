using Keyhold.Keys;

namespace Keyhold.Onboard;

/// <summary>What a recovery rebuilt: the new cluster key manager, the keys it holds again and the volumes re-attached to them.</summary>
public sealed record RecoveryResult(KeyManager KeyManager, int Keys, int Volumes);
