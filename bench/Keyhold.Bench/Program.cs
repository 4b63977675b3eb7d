// Keyhold.Bench
//   micro OUT.json          BenchmarkDotNet (short job, in-process, MemoryDiagnoser): TTLV, key wrap, fields/filter engine
//   kmip N BATCH OUT.json   Keyhold.Kmip Create+Get pairs against $KMIP_HOST:$KMIP_PORT (env from peers/kmip-server/start.sh)
//   strangers URL PASSWORD DATA [METRICS.jsonl]   what strangers cost a running node (bench/strangers.sh)
//   kmip-load get|create CONNS SECONDS OUT.json   CONNS concurrent Keyhold.Kmip connections against $KMIP_HOST:$KMIP_PORT
//   kmip-parts N WARM_S OUT.json   a one-connection Create+Get pair in parts (bench/kmip-pair.sh)
//   fuzz-decoder N SEED     N mutated TTLV frames through the in-process decoder (bench/fuzz-decoder.sh)
//   seed-volumes DATA SVM FIRST COUNT [BATCH] [CACHE_MB]   COUNT encrypted volumes with their keys into a stopped node's store (bench/scale.sh)
//   page-parts DATA [N]   what a 100-volume page costs in parts, in-process (docs/scaling.md)
//   seed-query DB SVM_UUID SVM_NAME COUNT EVERY   volumes through Keyhold's repository into a stopped node's store (bench/query-memory.sh)
using Keyhold.Bench;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Keyhold.Bench micro OUT.json [filter] | kmip N BATCH OUT.json | kmip-load get|create CONNS SECONDS OUT.json | kmip-parts N WARM_S OUT.json | fuzz-decoder N SEED | strangers URL PASSWORD DATA [METRICS.jsonl] | seed-volumes DATA SVM FIRST COUNT [BATCH] [CACHE_MB] | page-parts DATA [N] | seed-query DB SVM_UUID SVM_NAME COUNT EVERY");
    return 2;
}

return args[0] switch
{
    "micro" => Micro.Run(args[1], args.Length > 2 ? args[2] : null),
    "kmip-load" => await KmipConcurrentLoad.RunAsync(args[1], int.Parse(args[2]), double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), args[4]),
    "fuzz-decoder" => FuzzDecoder.Run(long.Parse(args[1]), int.Parse(args[2])),
    "kmip-parts" => await KmipParts.RunAsync(int.Parse(args[1]), double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args[3]),
    "kmip" => await KmipLoad.RunAsync(int.Parse(args[1]), int.Parse(args[2]), args[3]),
    "seed-volumes" => await SeedVolumes.RunAsync(args[1], args[2], int.Parse(args[3]), int.Parse(args[4]), args.Length > 5 ? int.Parse(args[5]) : 50_000, args.Length > 6 ? int.Parse(args[6]) : 1024),
    "strangers" => await Strangers.RunAsync(args[1], args[2], args[3], args.Length > 4 ? args[4] : null),
    "page-parts" => await PageParts.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2]) : 2000),
    "seed-query" => await QuerySeed.RunAsync(args[1], Guid.Parse(args[2]), args[3], int.Parse(args[4]), int.Parse(args[5])),
    _ => 2,
};
