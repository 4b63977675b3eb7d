using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Keyhold.Api.Ontap;
using Keyhold.Api.Volumes;
using Keyhold.Ontap;
using Keyhold.Ontap.Schemas;
using Keyhold.Storage;
using Keyhold.Storage.Query;
using Keyhold.Volumes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Keyhold.Bench;

/// <summary>
/// page-parts DATA [N]: what one 100-volume page (<c>max_records=100&amp;fields=*</c>) costs in its parts, in-process, on a
/// stopped node's store: parsing the query and planning, the store's read of the rows, and writing the rows' JSON. Each
/// part runs N times after as many for warm-up; prints µs per page (docs/scaling.md, "Where a page's time goes").
/// </summary>
public static class PageParts
{
    public static async Task<int> RunAsync(string dataDir, int n)
    {
        await using var app = await StoppedNode.StartAsync(dataDir);
        var volumes = app.Services.GetRequiredService<VolumeRepository>();
        var dialect = app.Services.GetRequiredService<ISqlDialect>();
        var query = new QueryCollection(new Dictionary<string, StringValues> { ["max_records"] = "100", ["fields"] = "*" });

        SqlPlan Plan() => SqlTranslator.Build(CollectionQuery.Parse(query, VolumeSchema.Schema), VolumeSchema.Schema, dialect);
        var plan = Plan();
        var rows = new List<Volume>();
        await volumes.StreamAsync(plan, v => { rows.Add(v.Value); return ValueTask.FromResult(true); }, CancellationToken.None);
        var output = new ArrayBufferWriter<byte>(128 * 1024);
        using var writer = new Utf8JsonWriter(output, OntapBodyResult.WriterOptions);

        void Write()
        {
            output.ResetWrittenCount();
            writer.Reset(output);
            writer.WriteStartArray();
            foreach (var v in rows)
                VolumeJson.Write(writer, v, plan.Query.Fields, false);
            writer.WriteEndArray();
            writer.Flush();
        }
        async Task ReadAndWriteReady()
        {
            output.ResetWrittenCount();
            writer.Reset(output);
            writer.WriteStartArray();
            var left = 100;
            await volumes.StreamAsync(plan, row =>
            {
                VolumeJson.PageRows.Write(writer, row, plan.Query.Fields, false);
                return ValueTask.FromResult(--left > 0);
            }, CancellationToken.None);
            writer.WriteEndArray();
            writer.Flush();
        }
        void WriteViaRecord()
        {
            output.ResetWrittenCount();
            writer.Reset(output);
            writer.WriteStartArray();
            foreach (var v in rows)
                plan.Query.Fields.WriteProjected(writer, v.ToJson(), false, root: false);
            writer.WriteEndArray();
            writer.Flush();
        }

        var parts = new (string Name, Func<Task> Run)[]
        {
            ("parse query + plan", () => { Plan(); return Task.CompletedTask; }),
            ("store: read 101 rows, uuid and versions only (a kept row)", () => volumes.StreamAsync(plan, _ => ValueTask.FromResult(true), CancellationToken.None)),
            ("store: read 101 rows, 9 columns each (no JSON)", () => volumes.StreamAsync(plan, v => ValueTask.FromResult(v.Value is not null), CancellationToken.None)),
            ("store: empty read (open + close)", () => app.Services.GetRequiredService<IStore>().ReadAsync((_, _) => Task.FromResult(0), CancellationToken.None)),
            ("JSON: 100 rows, VolumeJson.Write", () => { Write(); return Task.CompletedTask; }),
            ("store + JSON: 101 rows read, 100 written from ready bytes (the page's path)", ReadAndWriteReady),
            ("JSON: 100 rows via the record (ToJson + WriteProjected)", () => { WriteViaRecord(); return Task.CompletedTask; }),
        };
        foreach (var (name, run) in parts)
        {
            for (var i = 0; i < n; i++)
                await run();
            // CPU time, not wall time: the box is shared, and another process's load must not count.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < n; i++)
                await run();
            var spent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spent.TotalMicroseconds / n,10:F1} µs  {name}"));
        }
        Console.WriteLine($"records array: {output.WrittenCount} bytes");
        return 0;
    }
}
