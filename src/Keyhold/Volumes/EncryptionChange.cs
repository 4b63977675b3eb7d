using Keyhold.Keys;

namespace Keyhold.Volumes;

/// <summary>An accepted encryption PATCH: the state the volume shows while it runs, and where its new key comes from.</summary>
public sealed record EncryptionChange(string State, KeyManager KeyManager, IKeyStore Store);
