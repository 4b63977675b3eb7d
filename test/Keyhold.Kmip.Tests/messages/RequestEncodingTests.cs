namespace Keyhold.Kmip.Tests;

/// <summary>Every request the client builds, byte-compared with what PyKMIP accepted.</summary>
public class RequestEncodingTests
{
    private static readonly byte[] RegisteredKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    private static string Encode(ProtocolVersion version, KmipOperationRequest request, KmipCredential? credential = null) =>
        Hex.Of(RequestMessageEncoder.Encode(version, credential, [request]));

    public static TheoryData<string, string> Golden14 => new()
    {
        { nameof(GoldenVectors.DiscoverVersionsV14Request), Encode(ProtocolVersion.V1_4, new DiscoverVersionsRequest()) },
        { nameof(GoldenVectors.CreateAes256V14Request), Encode(ProtocolVersion.V1_4, new CreateSymmetricKeyRequest(256)) },
        { nameof(GoldenVectors.GetSymmetricV14Request), Encode(ProtocolVersion.V1_4, new GetRequest("1")) },
        { nameof(GoldenVectors.GetUnknownUidRequest), Encode(ProtocolVersion.V1_4, new GetRequest("nope")) },
        { nameof(GoldenVectors.QueryOperationsAndServerInfoRequest),
            Encode(ProtocolVersion.V1_4, new QueryRequest(QueryFunction.Operations, QueryFunction.ServerInformation)) },
        { nameof(GoldenVectors.UnsupportedVersion21Request), Encode(new ProtocolVersion(2, 1), new DiscoverVersionsRequest()) },
        { nameof(GoldenVectors.RegisterSymmetricV14Request),
            Encode(ProtocolVersion.V1_4, new RegisterSymmetricKeyRequest(RegisteredKey, "golden-key")) },
        { nameof(GoldenVectors.RegisterSecretV14Request),
            Encode(ProtocolVersion.V1_4, new RegisterSecretDataRequest("secret-data-0123"u8)) },
        { nameof(GoldenVectors.GetSecretV14Request), Encode(ProtocolVersion.V1_4, new GetRequest("3")) },
        { nameof(GoldenVectors.LocateV14Request), Encode(ProtocolVersion.V1_4, new LocateRequest("golden-key")) },
        { nameof(GoldenVectors.GetAttributesV14Request), Encode(ProtocolVersion.V1_4, new GetAttributesRequest("2")) },
        { nameof(GoldenVectors.ActivateV14Request), Encode(ProtocolVersion.V1_4, new ActivateRequest("2")) },
        { nameof(GoldenVectors.RevokeV14Request), Encode(ProtocolVersion.V1_4, new RevokeRequest("2", RevocationReasonCode.Unspecified)) },
        { nameof(GoldenVectors.DestroyV14Request), Encode(ProtocolVersion.V1_4, new DestroyRequest("2")) },
        { nameof(GoldenVectors.CreateV20Request), Encode(ProtocolVersion.V2_0, new CreateSymmetricKeyRequest(256, "golden-20")) },
        { nameof(GoldenVectors.GetAttributesV20Request), Encode(ProtocolVersion.V2_0, new GetAttributesRequest("4")) },
        { nameof(GoldenVectors.LocateV20Request), Encode(ProtocolVersion.V2_0, new LocateRequest("golden-20")) },
        { nameof(GoldenVectors.GetV20Request), Encode(ProtocolVersion.V2_0, new GetRequest("4")) },
    };

    [Theory]
    [MemberData(nameof(Golden14))]
    public void MatchesGoldenVector(string vector, string encoded)
    {
        string expected = (string)typeof(GoldenVectors).GetField(vector, System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public)!
            .GetRawConstantValue()!;
        Assert.Equal(expected, encoded);
    }

    [Fact]
    public void Credential_IsAuthenticationStructureInHeader()
    {
        string hex = Encode(ProtocolVersion.V1_4, new DiscoverVersionsRequest(), new KmipCredential("ontap", "pw"));
        string expectedHeaderTail =
            "42000c0100000040" + // Authentication
            "4200230100000038" + // Credential
            "4200240500000004" + "0000000100000000" + // CredentialType = UsernameAndPassword
            "4200250100000020" + // CredentialValue
            "4200990700000005" + "6f6e746170000000" + // Username "ontap"
            "4200a10700000002" + "7077000000000000" + // Password "pw"
            "42000d0200000004" + "0000000100000000"; // BatchCount
        Assert.Contains(expectedHeaderTail, hex, StringComparison.Ordinal);
        Assert.StartsWith("42007801000000a8420077010000008042006901", hex, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_NumbersItemsWithUniqueBatchItemIds()
    {
        string hex = Hex.Of(RequestMessageEncoder.Encode(ProtocolVersion.V1_4, null,
            [new DiscoverVersionsRequest(), new GetRequest("1")]));
        Assert.Equal(
            "42007801000000b0" + "4200770100000038" + "4200690100000020"
            + "42006a02000000040000000100000000" + "42006b02000000040000000400000000" + "42000d02000000040000000200000000"
            + "42000f0100000028" + "42005c05000000040000001e00000000" + "4200930800000004" + "0000000100000000" + "4200790100000000"
            + "42000f0100000038" + "42005c05000000040000000a00000000" + "4200930800000004" + "0000000200000000"
            + "420079010000001042009407000000013100000000000000",
            hex);
    }

    [Fact]
    public void SingleItem_HasNoUniqueBatchItemId() =>
        Assert.DoesNotContain("420093", Encode(ProtocolVersion.V1_4, new GetRequest("1")), StringComparison.Ordinal);

    [Fact]
    public void EmptyBatch_IsRejected() =>
        Assert.Throws<ArgumentException>(() => RequestMessageEncoder.Encode(ProtocolVersion.V1_4, null, []));

    [Fact]
    public void RevokeForCompromise_CarriesCompromiseDate()
    {
        var when = new DateTimeOffset(2008, 3, 14, 11, 56, 40, TimeSpan.Zero);
        string hex = Encode(ProtocolVersion.V1_4, new RevokeRequest("2", RevocationReasonCode.KeyCompromise, "lost", when));
        Assert.Contains("4200810100000020" + "4200820500000004" + "0000000200000000" + "4200800700000004" + "6c6f737400000000"
            + "4200210900000008" + "0000000047da67f8", hex, StringComparison.Ordinal);
    }
}
