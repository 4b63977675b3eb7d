using System.Security.Cryptography;

namespace Keyhold.Kmip.Tests;

/// <summary>Every operation against a real PyKMIP 0.10 server, in 1.4 (negotiated) and 2.0.</summary>
[Collection(KmipServerCollection.Name)]
public class InteropOperationTests(KmipServerFixture server)
{
    [SkippableFact]
    public async Task DiscoverVersions_ReturnsTwoPointZeroDownToOnePointZero_AndNegotiatesOnePointFour()
    {
        await using var client = new KmipClient(server.Options());
        IReadOnlyList<ProtocolVersion> versions = await client.DiscoverVersionsAsync();
        Assert.Equal(
            [ProtocolVersion.V2_0, ProtocolVersion.V1_4, ProtocolVersion.V1_3, ProtocolVersion.V1_2, ProtocolVersion.V1_1, ProtocolVersion.V1_0],
            versions);
        Assert.Equal(ProtocolVersion.V1_4, client.ProtocolVersion);
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("2.0")]
    [InlineData("1.2")]
    public async Task KeyLifecycle(string? version)
    {
        ProtocolVersion? fixedVersion = version is null ? null : new ProtocolVersion(version[0] - '0', version[2] - '0');
        await using var client = new KmipClient(server.Options(fixedVersion));
        string name = $"keyhold-test-{Guid.NewGuid():N}";

        string created = await client.CreateSymmetricKeyAsync(256, name);
        byte[] createdMaterial = await client.GetKeyMaterialAsync(created);
        Assert.Equal(32, createdMaterial.Length);

        byte[] material = RandomNumberGenerator.GetBytes(32);
        string registered = await client.RegisterSymmetricKeyAsync(material, name + "-r");
        Assert.Equal(material, await client.GetKeyMaterialAsync(registered));

        byte[] secret = RandomNumberGenerator.GetBytes(32);
        string secretId = await client.RegisterSecretDataAsync(secret, name + "-s");
        GetResponse secretObject = await client.GetAsync(secretId);
        Assert.Equal(ObjectType.SecretData, secretObject.ObjectType);
        Assert.Equal(secret, secretObject.GetKeyMaterial());

        Assert.Equal([created], await client.LocateByNameAsync(name));
        Assert.Equal([registered], await client.LocateByNameAsync(name + "-r"));
        Assert.Empty(await client.LocateByNameAsync(name + "-nothing"));

        KmipAttributes attributes = await client.GetAttributesAsync(created);
        Assert.Equal([name], attributes.Names);
        Assert.Equal((CryptographicAlgorithm.Aes, 256, KmipObjectState.PreActive),
            (attributes.CryptographicAlgorithm!.Value, attributes.CryptographicLength!.Value, attributes.State!.Value));

        await client.ActivateAsync(created);
        Assert.Equal(KmipObjectState.Active, (await client.GetAttributesAsync(created)).State);

        var refused = await Assert.ThrowsAsync<KmipOperationException>(() => client.DestroyAsync(created));
        Assert.Equal(ResultReason.PermissionDenied, refused.Reason);

        await client.RevokeAsync(created, RevocationReasonCode.KeyCompromise, "test");
        Assert.Equal(KmipObjectState.Compromised, (await client.GetAttributesAsync(created)).State);
        await client.DestroyAsync(created);
        await client.DestroyAsync(registered);
        await client.DestroyAsync(secretId);

        var gone = await Assert.ThrowsAsync<KmipOperationException>(() => client.GetKeyMaterialAsync(created));
        Assert.Equal((KmipErrorKind.Operation, ResultReason.ItemNotFound), (gone.Kind, gone.Reason!.Value));
    }

    [SkippableFact]
    public async Task Query_ReportsOperationsAndVendor()
    {
        await using var client = new KmipClient(server.Options());
        QueryResponse q = await client.QueryAsync([QueryFunction.Operations, QueryFunction.ServerInformation]);
        Assert.Contains(KmipOperation.Register, q.Operations);
        Assert.StartsWith("PyKMIP", q.VendorIdentification, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Batch_WithContinue_ReturnsEveryItemInRequestOrder()
    {
        await using var client = new KmipClient(server.Options());
        IReadOnlyList<KmipBatchItemResult> results = await client.SendBatchAsync(
        [
            new CreateSymmetricKeyRequest(128),
            new GetRequest("999999"),
            new DiscoverVersionsRequest(),
            new CreateSymmetricKeyRequest(256),
        ], BatchErrorContinuation.Continue);
        Assert.Equal([KmipOperation.Create, KmipOperation.Get, KmipOperation.DiscoverVersions, KmipOperation.Create],
            results.Select(r => r.Operation));
        Assert.Equal(ResultReason.ItemNotFound, results[1].Reason);
        Assert.NotEmpty(results[2].GetResponse<DiscoverVersionsResponse>().Versions);
        string small = results[0].GetResponse<UniqueIdentifierResponse>().UniqueIdentifier;
        string large = results[3].GetResponse<UniqueIdentifierResponse>().UniqueIdentifier;

        IReadOnlyList<KmipBatchItemResult> gets = await client.SendBatchAsync([new GetRequest(small), new GetRequest(large)]);
        Assert.Equal([16, 32], gets.Select(g => g.GetResponse<GetResponse>().GetKeyMaterial().Length));
    }

    [SkippableFact]
    public async Task Batch_ByDefault_ServerStopsAtFirstFailure()
    {
        await using var client = new KmipClient(server.Options());
        IReadOnlyList<KmipBatchItemResult> results = await client.SendBatchAsync(
            [new DiscoverVersionsRequest(), new GetRequest("999999"), new DiscoverVersionsRequest()]);
        Assert.True(results[0].IsSuccess);
        Assert.Equal(ResultReason.ItemNotFound, results[1].Reason);
        Assert.False(results[2].Processed);
        Assert.Throws<KmipOperationException>(() => results[2].GetResponse<DiscoverVersionsResponse>());
    }

    [SkippableFact]
    public async Task Batch_IsSentAsGiven_EvenWhenTheServerRejectsIt()
    {
        // Activate without a UID relies on the ID placeholder, which PyKMIP's parser refuses for the whole message.
        await using var client = new KmipClient(server.Options());
        var e = await Assert.ThrowsAsync<KmipOperationException>(() => client.SendBatchAsync(
            [new CreateSymmetricKeyRequest(256), new ActivateRequest(null)]));
        Assert.Equal((KmipErrorKind.Operation, ResultReason.InvalidMessage), (e.Kind, e.Reason!.Value));
    }

    [SkippableFact]
    public async Task UsernameAndPassword_AreSentAndAccepted()
    {
        KmipClientOptions o = server.Options();
        await using var client = new KmipClient(new KmipClientOptions
        {
            Host = o.Host,
            Port = o.Port,
            ClientCertificate = o.ClientCertificate,
            TrustedCaCertificates = o.TrustedCaCertificates,
            Username = "ontap",
            Password = "not-checked-by-pykmip",
        });
        Assert.Empty(await client.LocateByNameAsync($"does-not-exist-{Guid.NewGuid():N}"));
    }

    [SkippableFact]
    public async Task ConcurrentCalls_ShareOneConnection()
    {
        await using var client = new KmipClient(server.Options(ProtocolVersion.V1_4));
        IReadOnlyList<ProtocolVersion>[] all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.DiscoverVersionsAsync()));
        Assert.All(all, v => Assert.Equal(6, v.Count));
    }
}
