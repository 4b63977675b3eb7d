namespace Keyhold.External;

/// <summary>What an external key manager is made of: its TLS identity, the CAs it trusts and its servers.</summary>
public sealed record ExternalConfig(Guid KeyManagerUuid, Guid ClientCertificate, IReadOnlyList<Guid> ServerCas, IReadOnlyList<KeyServer> Servers);
