using System.Linq.Expressions;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Keyhold.Kmip;
using Keyhold.Kmip.Codec;

namespace Keyhold.Bench;

/// <summary>
/// The client's own encode and decode path for a Get, byte for byte what KmipClient.SendLockedAsync runs:
/// RequestMessageEncoder.Encode, then BatchResponseMatcher.Match(items, ResponseMessage.Decode(bytes), version)
/// (both internal: bound once through compiled expression trees, so the call costs what a direct call costs).
/// Input response = the PyKMIP 0.10 golden vector GetSymmetricV14Response (test/Keyhold.Kmip.Tests/golden).
/// EncodeGetResponse writes that same response with TtlvWriter (what a server would do).
/// </summary>
[MemoryDiagnoser]
public class KmipCodecBenchmarks
{
    // test/Keyhold.Kmip.Tests/golden/GoldenVectors.cs: Get (KMIP 1.4) of object "1", a 256-bit AES key.
    private const string GetRequestHex = "42007801000000704200770100000038420069010000002042006a0200000004000000010000000042006b0200000004000000040000000042000d0200000004000000010000000042000f010000002842005c05000000040000000a00000000420079010000001042009407000000013100000000000000";
    private const string GetResponseHex = "42007b010000011042007a0100000048420069010000002042006a0200000004000000010000000042006b020000000400000004000000004200920900000008000000006b09c04542000d0200000004000000010000000042000f01000000b842005c05000000040000000a0000000042007f0500000004000000000000000042007c0100000090420057050000000400000002000000004200940700000001310000000000000042008f010000006842004001000000604200420500000004000000010000000042004501000000284200430800000020499b56136a314fc6518c506790ccedeb6cf66730934d222afe9fde85b378f17f4200280500000004000000030000000042002a02000000040000010000000000";

    private static readonly Func<ProtocolVersion, IReadOnlyList<KmipOperationRequest>, byte[]> Encode = BuildEncode();
    private static readonly Func<IReadOnlyList<KmipOperationRequest>, byte[], ProtocolVersion, IReadOnlyList<KmipBatchItemResult>> Decode = BuildDecode();

    private readonly byte[] _response = Convert.FromHexString(GetResponseHex);
    private readonly byte[] _material = Convert.FromHexString("499b56136a314fc6518c506790ccedeb6cf66730934d222afe9fde85b378f17f");
    private KmipOperationRequest[] _items = null!;

    [GlobalSetup]
    public void Setup()
    {
        _items = [new GetRequest("1")];
        // Guard: the benchmark must run the real thing on the real bytes.
        if (!Convert.ToHexStringLower(Encode(ProtocolVersion.V1_4, _items)).Equals(GetRequestHex, StringComparison.Ordinal))
            throw new InvalidOperationException("client encoder output differs from the golden Get request");
        if (!Convert.ToHexStringLower(EncodeGetResponse()).Equals(GetResponseHex, StringComparison.Ordinal))
            throw new InvalidOperationException("TtlvWriter output differs from the golden Get response");
        var r = Decode(_items, _response, ProtocolVersion.V1_4);
        if (r.Count != 1 || !r[0].IsSuccess || r[0].GetResponse<GetResponse>().GetKeyMaterial().Length != 32)
            throw new InvalidOperationException("decoding the golden Get response failed");
    }

    [Benchmark(Description = "client: encode Get request")]
    public byte[] EncodeGetRequest() => Encode(ProtocolVersion.V1_4, _items);

    [Benchmark(Description = "client: decode Get response")]
    public IReadOnlyList<KmipBatchItemResult> DecodeGetResponse() => Decode(_items, _response, ProtocolVersion.V1_4);

    [Benchmark(Description = "TtlvWriter: encode Get response")]
    public byte[] EncodeGetResponse()
    {
        using var w = new TtlvWriter();
        w.BeginStructure(KmipTag.ResponseMessage);
        w.BeginStructure(KmipTag.ResponseHeader);
        w.BeginStructure(KmipTag.ProtocolVersion);
        w.WriteInteger(KmipTag.ProtocolVersionMajor, 1);
        w.WriteInteger(KmipTag.ProtocolVersionMinor, 4);
        w.EndStructure();
        w.WriteDateTime(KmipTag.TimeStamp, DateTimeOffset.FromUnixTimeSeconds(0x6b09c045));
        w.WriteInteger(KmipTag.BatchCount, 1);
        w.EndStructure();
        w.BeginStructure(KmipTag.BatchItem);
        w.WriteEnumeration(KmipTag.Operation, (uint)KmipOperation.Get);
        w.WriteEnumeration(KmipTag.ResultStatus, 0);
        w.BeginStructure(KmipTag.ResponsePayload);
        w.WriteEnumeration(KmipTag.ObjectType, (uint)ObjectType.SymmetricKey);
        w.WriteTextString(KmipTag.UniqueIdentifier, "1");
        w.BeginStructure(KmipTag.SymmetricKey);
        w.BeginStructure(KmipTag.KeyBlock);
        w.WriteEnumeration(KmipTag.KeyFormatType, (uint)KeyFormatType.Raw);
        w.BeginStructure(KmipTag.KeyValue);
        w.WriteByteString(KmipTag.KeyMaterial, _material);
        w.EndStructure();
        w.WriteEnumeration(KmipTag.CryptographicAlgorithm, (uint)CryptographicAlgorithm.Aes);
        w.WriteInteger(KmipTag.CryptographicLength, 256);
        w.EndStructure();
        w.EndStructure();
        w.EndStructure();
        w.EndStructure();
        w.EndStructure();
        return w.ToArray();
    }

    private static Func<ProtocolVersion, IReadOnlyList<KmipOperationRequest>, byte[]> BuildEncode()
    {
        var asm = typeof(KmipClient).Assembly;
        var encode = asm.GetType("Keyhold.Kmip.RequestMessageEncoder", throwOnError: true)!
            .GetMethod("Encode", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        var version = Expression.Parameter(typeof(ProtocolVersion), "version");
        var items = Expression.Parameter(typeof(IReadOnlyList<KmipOperationRequest>), "items");
        var p = encode.GetParameters();
        var call = Expression.Call(encode, version, Expression.Constant(null, p[1].ParameterType), items, Expression.Constant(null, p[3].ParameterType));
        return Expression.Lambda<Func<ProtocolVersion, IReadOnlyList<KmipOperationRequest>, byte[]>>(call, version, items).Compile();
    }

    private static Func<IReadOnlyList<KmipOperationRequest>, byte[], ProtocolVersion, IReadOnlyList<KmipBatchItemResult>> BuildDecode()
    {
        var asm = typeof(KmipClient).Assembly;
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        var decode = asm.GetType("Keyhold.Kmip.ResponseMessage", throwOnError: true)!.GetMethod("Decode", flags)!;
        var match = asm.GetType("Keyhold.Kmip.BatchResponseMatcher", throwOnError: true)!.GetMethod("Match", flags)!;
        var items = Expression.Parameter(typeof(IReadOnlyList<KmipOperationRequest>), "items");
        var bytes = Expression.Parameter(typeof(byte[]), "bytes");
        var version = Expression.Parameter(typeof(ProtocolVersion), "version");
        var dp = decode.GetParameters();
        var decoded = Expression.Call(decode, Expression.Convert(bytes, dp[0].ParameterType), Expression.Constant(null, dp[1].ParameterType));
        var call = Expression.Call(match, items, decoded, version);
        return Expression.Lambda<Func<IReadOnlyList<KmipOperationRequest>, byte[], ProtocolVersion, IReadOnlyList<KmipBatchItemResult>>>(call, items, bytes, version).Compile();
    }
}
