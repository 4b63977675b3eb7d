namespace Keyhold.Kmip;

/// <summary>One-operation conveniences over <see cref="SendBatchAsync(IReadOnlyList{KmipOperationRequest}, CancellationToken)"/>; failed results throw <see cref="KmipOperationException"/>.</summary>
public sealed partial class KmipClient
{
    /// <summary>All versions the server speaks, in its order (newest first for PyKMIP).</summary>
    public async Task<IReadOnlyList<ProtocolVersion>> DiscoverVersionsAsync(CancellationToken cancellationToken = default) =>
        (await SendOneAsync<DiscoverVersionsResponse>(new DiscoverVersionsRequest(), cancellationToken)).Versions;

    public Task<QueryResponse> QueryAsync(IReadOnlyList<QueryFunction> functions, CancellationToken cancellationToken = default) =>
        SendOneAsync<QueryResponse>(new QueryRequest(functions), cancellationToken);

    /// <summary>Creates an AES key of <paramref name="lengthBits"/> bits (usage Encrypt|Decrypt); returns its identifier.</summary>
    public async Task<string> CreateSymmetricKeyAsync(int lengthBits, string? name = null, CancellationToken cancellationToken = default) =>
        (await SendOneAsync<UniqueIdentifierResponse>(new CreateSymmetricKeyRequest(lengthBits, name), cancellationToken)).UniqueIdentifier;

    public async Task<string> RegisterSymmetricKeyAsync(byte[] material, string? name = null, CancellationToken cancellationToken = default) =>
        (await SendOneAsync<UniqueIdentifierResponse>(new RegisterSymmetricKeyRequest(material, name), cancellationToken)).UniqueIdentifier;

    public async Task<string> RegisterSecretDataAsync(byte[] material, string? name = null, CancellationToken cancellationToken = default) =>
        (await SendOneAsync<UniqueIdentifierResponse>(new RegisterSecretDataRequest(material, name), cancellationToken)).UniqueIdentifier;

    public Task<GetResponse> GetAsync(string uniqueIdentifier, CancellationToken cancellationToken = default) =>
        SendOneAsync<GetResponse>(new GetRequest(uniqueIdentifier), cancellationToken);

    /// <summary>The object's key material (symmetric key or secret data).</summary>
    public async Task<byte[]> GetKeyMaterialAsync(string uniqueIdentifier, CancellationToken cancellationToken = default) =>
        (await GetAsync(uniqueIdentifier, cancellationToken)).GetKeyMaterial();

    public async Task<KmipAttributes> GetAttributesAsync(string uniqueIdentifier, CancellationToken cancellationToken = default) =>
        (await SendOneAsync<GetAttributesResponse>(new GetAttributesRequest(uniqueIdentifier), cancellationToken)).Attributes;

    public async Task<IReadOnlyList<string>> LocateByNameAsync(string name, CancellationToken cancellationToken = default) =>
        (await SendOneAsync<LocateResponse>(new LocateRequest(name), cancellationToken)).UniqueIdentifiers;

    public Task ActivateAsync(string uniqueIdentifier, CancellationToken cancellationToken = default) =>
        SendOneAsync<UniqueIdentifierResponse>(new ActivateRequest(uniqueIdentifier), cancellationToken);

    public Task RevokeAsync(string uniqueIdentifier, RevocationReasonCode reason, string? message = null,
        CancellationToken cancellationToken = default) =>
        SendOneAsync<UniqueIdentifierResponse>(new RevokeRequest(uniqueIdentifier, reason, message), cancellationToken);

    public Task DestroyAsync(string uniqueIdentifier, CancellationToken cancellationToken = default) =>
        SendOneAsync<UniqueIdentifierResponse>(new DestroyRequest(uniqueIdentifier), cancellationToken);

    private async Task<T> SendOneAsync<T>(KmipOperationRequest request, CancellationToken cancellationToken)
        where T : KmipOperationResponse =>
        (await SendBatchAsync([request], cancellationToken))[0].GetResponse<T>();
}
