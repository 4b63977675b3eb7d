using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Keyhold.Bench;

/// <summary>Runs the micro benchmarks and writes {name: {mean_ns, error_ns, allocated_bytes}} to a JSON file.</summary>
public static class Micro
{
    public static int Run(string outPath, string? filter)
    {
        // Short job (3 warm-ups, 3 iterations) in-process: no child project build, so it fits run.sh's time budget.
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "keyhold-bench-artifacts"));
        Type[] types = [typeof(KmipCodecBenchmarks), typeof(KeyWrapBenchmarks), typeof(OntapEngineBenchmarks)];
        var results = new Dictionary<string, object>();
        foreach (var type in types)
        {
            if (filter is not null && !type.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                continue;
            Summary summary = BenchmarkRunner.Run(type, config);
            foreach (var report in summary.Reports)
            {
                var name = $"{type.Name.Replace("Benchmarks", "")}.{report.BenchmarkCase.Descriptor.WorkloadMethod.Name}";
                var stats = report.ResultStatistics;
                results[name] = new
                {
                    mean_ns = stats?.Mean ?? double.NaN,
                    error_ns = stats?.ConfidenceInterval.Margin ?? double.NaN,
                    allocated_bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1,
                };
            }
        }
        File.WriteAllText(outPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"micro results -> {outPath}");
        return 0;
    }

    internal static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
