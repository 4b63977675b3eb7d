namespace Keyhold.Kmip.Tests;

/// <summary>Real PyKMIP responses decoded into typed results.</summary>
public class ResponseDecodingTests
{
    private static KmipBatchItemResult Decode(string hex, KmipOperationRequest request, ProtocolVersion? version = null) =>
        BatchResponseMatcher.Match([request], ResponseMessage.Decode(Hex.Parse(hex)), version ?? ProtocolVersion.V1_4)[0];

    [Fact]
    public void Header_VersionAndTimeStamp()
    {
        ResponseMessage m = ResponseMessage.Decode(Hex.Parse(GoldenVectors.DiscoverVersionsV14Response));
        Assert.Equal(ProtocolVersion.V1_4, m.Version);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(0x6b09c045), m.TimeStamp);
        Assert.Single(m.Items);
    }

    [Fact]
    public void DiscoverVersions_ListsTwoPointZeroDownToOnePointZero()
    {
        var r = Decode(GoldenVectors.DiscoverVersionsV14Response, new DiscoverVersionsRequest()).GetResponse<DiscoverVersionsResponse>();
        Assert.Equal(
            [ProtocolVersion.V2_0, ProtocolVersion.V1_4, ProtocolVersion.V1_3, ProtocolVersion.V1_2, ProtocolVersion.V1_1, ProtocolVersion.V1_0],
            r.Versions);
    }

    [Fact]
    public void Create_ReturnsUniqueIdentifier() =>
        Assert.Equal("1", Decode(GoldenVectors.CreateAes256V14Response, new CreateSymmetricKeyRequest(256))
            .GetResponse<UniqueIdentifierResponse>().UniqueIdentifier);

    [Fact]
    public void Get_SymmetricKey_ReturnsRawMaterial()
    {
        var r = Decode(GoldenVectors.GetSymmetricV14Response, new GetRequest("1")).GetResponse<GetResponse>();
        Assert.Equal((ObjectType.SymmetricKey, "1", KeyFormatType.Raw, CryptographicAlgorithm.Aes, 256),
            (r.ObjectType, r.UniqueIdentifier, r.KeyFormat, r.Algorithm!.Value, r.LengthBits!.Value));
        Assert.Equal(32, r.GetKeyMaterial().Length);
    }

    [Fact]
    public void Get_SecretData_ReturnsOpaqueMaterial()
    {
        var r = Decode(GoldenVectors.GetSecretV14Response, new GetRequest("3")).GetResponse<GetResponse>();
        Assert.Equal(ObjectType.SecretData, r.ObjectType);
        Assert.Equal(KeyFormatType.Opaque, r.KeyFormat);
        Assert.Equal("secret-data-0123"u8.ToArray(), r.GetKeyMaterial());
    }

    [Fact]
    public void Get_V20_ReturnsMaterial() =>
        Assert.Equal(32, Decode(GoldenVectors.GetV20Response, new GetRequest("4"), ProtocolVersion.V2_0)
            .GetResponse<GetResponse>().GetKeyMaterial().Length);

    [Fact]
    public void Query_ListsOperationsAndVendor()
    {
        var r = Decode(GoldenVectors.QueryOperationsAndServerInfoResponse,
            new QueryRequest(QueryFunction.Operations, QueryFunction.ServerInformation)).GetResponse<QueryResponse>();
        Assert.Contains(KmipOperation.Create, r.Operations);
        Assert.Contains(KmipOperation.DiscoverVersions, r.Operations);
        Assert.Equal("PyKMIP 0.10.0 Software Server", r.VendorIdentification);
    }

    [Fact]
    public void Register_Locate_Activate_Revoke_Destroy_EchoIdentifiers()
    {
        Assert.Equal("2", Decode(GoldenVectors.RegisterSymmetricV14Response, new RegisterSymmetricKeyRequest(new byte[32]))
            .GetResponse<UniqueIdentifierResponse>().UniqueIdentifier);
        Assert.Equal("3", Decode(GoldenVectors.RegisterSecretV14Response, new RegisterSecretDataRequest(new byte[16]))
            .GetResponse<UniqueIdentifierResponse>().UniqueIdentifier);
        Assert.Equal(["2"], Decode(GoldenVectors.LocateV14Response, new LocateRequest("golden-key")).GetResponse<LocateResponse>().UniqueIdentifiers);
        Assert.Equal(["4"], Decode(GoldenVectors.LocateV20Response, new LocateRequest("golden-20"), ProtocolVersion.V2_0)
            .GetResponse<LocateResponse>().UniqueIdentifiers);
        Assert.True(Decode(GoldenVectors.ActivateV14Response, new ActivateRequest("2")).IsSuccess);
        Assert.True(Decode(GoldenVectors.RevokeV14Response, new RevokeRequest("2", RevocationReasonCode.Unspecified)).IsSuccess);
        Assert.True(Decode(GoldenVectors.DestroyV14Response, new DestroyRequest("2")).IsSuccess);
        Assert.Equal("4", Decode(GoldenVectors.CreateV20Response, new CreateSymmetricKeyRequest(256), ProtocolVersion.V2_0)
            .GetResponse<UniqueIdentifierResponse>().UniqueIdentifier);
    }

    [Fact]
    public void GetAttributes_V14_NameValuePairs()
    {
        KmipAttributes a = Decode(GoldenVectors.GetAttributesV14Response, new GetAttributesRequest("2"))
            .GetResponse<GetAttributesResponse>().Attributes;
        AssertAttributes(a, "golden-key");
        Assert.Contains("Operation Policy Name", a.OtherAttributes);
    }

    [Fact]
    public void GetAttributes_V20_TypedAttributesStructure()
    {
        KmipAttributes a = Decode(GoldenVectors.GetAttributesV20Response, new GetAttributesRequest("4"), ProtocolVersion.V2_0)
            .GetResponse<GetAttributesResponse>().Attributes;
        AssertAttributes(a, "golden-20");
    }

    [Fact]
    public void Failure_CarriesReasonAndMessage()
    {
        KmipBatchItemResult r = Decode(GoldenVectors.GetUnknownUidResponse, new GetRequest("nope"));
        Assert.False(r.IsSuccess);
        Assert.Equal((ResultStatus.OperationFailed, ResultReason.ItemNotFound), (r.Status, r.Reason!.Value));
        Assert.Equal("Could not locate object: nope", r.Message);
        var e = Assert.Throws<KmipOperationException>(() => r.GetResponse<GetResponse>());
        Assert.Equal((KmipErrorKind.Operation, ResultReason.ItemNotFound, KmipOperation.Get), (e.Kind, e.Reason!.Value, e.Operation!.Value));
    }

    [Fact]
    public void UnsupportedOperation_IsOperationNotSupported()
    {
        ResponseBatchItem item = ResponseMessage.Decode(Hex.Parse(GoldenVectors.UnsupportedCheckResponse)).Items[0];
        Assert.Equal((KmipOperation.Check, ResultStatus.OperationFailed, ResultReason.OperationNotSupported),
            (item.Operation!.Value, item.Status, item.Reason!.Value));
    }

    [Fact]
    public void MismatchedOperationEcho_IsProtocolError() =>
        Assert.Throws<KmipProtocolException>(() => Decode(GoldenVectors.UnsupportedCheckResponse, new GetRequest("1")));

    [Fact]
    public void WholeMessageFailure_ForBatch_Throws()
    {
        // PyKMIP answers a 2-item batch without IDs with a single failed item and no operation.
        var e = Assert.Throws<KmipOperationException>(() => BatchResponseMatcher.Match(
            [new DiscoverVersionsRequest(), new DiscoverVersionsRequest()],
            ResponseMessage.Decode(Hex.Parse(GoldenVectors.BatchWithoutIdsResponse)), ProtocolVersion.V1_4));
        Assert.Equal((ResultReason.InvalidMessage, "Batch item ID is undefined."), (e.Reason!.Value, e.ResultMessage));
        Assert.Null(e.Operation);
    }

    [Fact]
    public void UnsupportedVersion_IsInvalidMessageInVersionOnePointZeroHeader()
    {
        ResponseMessage m = ResponseMessage.Decode(Hex.Parse(GoldenVectors.UnsupportedVersion21Response));
        Assert.Equal(ProtocolVersion.V1_0, m.Version);
        Assert.Equal(ResultReason.InvalidMessage, m.Items[0].Reason);
    }

    private static void AssertAttributes(KmipAttributes a, string name)
    {
        Assert.Equal([name], a.Names);
        Assert.Equal(ObjectType.SymmetricKey, a.ObjectType);
        Assert.Equal(CryptographicAlgorithm.Aes, a.CryptographicAlgorithm);
        Assert.Equal(256, a.CryptographicLength);
        Assert.Equal(CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt, a.CryptographicUsageMask);
        Assert.Equal(KmipObjectState.PreActive, a.State);
        Assert.NotNull(a.InitialDate);
        Assert.NotNull(a.UniqueIdentifier);
    }
}
