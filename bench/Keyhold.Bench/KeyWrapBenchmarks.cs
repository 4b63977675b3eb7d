using BenchmarkDotNet.Attributes;
using Keyhold.Onboard;

namespace Keyhold.Bench;

/// <summary>Onboard data-key wrap/unwrap under the root key (AES-256-GCM, key ID and type bound as AAD).</summary>
[MemoryDiagnoser]
public class KeyWrapBenchmarks
{
    private RootKey _root = null!;
    private readonly byte[] _vek = new byte[32];
    private byte[] _wrapped = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = RootKey.Generate();
        Random.Shared.NextBytes(_vek);
        _wrapped = _root.WrapDataKey("id", "vek", _vek);
    }

    [GlobalCleanup]
    public void Cleanup() => _root.Dispose();

    [Benchmark(Description = "RootKey.WrapDataKey (32-byte VEK)")]
    public byte[] Wrap() => _root.WrapDataKey("id", "vek", _vek);

    [Benchmark(Description = "RootKey.UnwrapDataKey (32-byte VEK)")]
    public byte[] Unwrap() => _root.UnwrapDataKey("id", "vek", _wrapped);
}
