using System.Diagnostics;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Data.Ingestion;
using Telco.InsightPortal.Data.Audit;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Bench.Ingest;

/// <summary>The upload path: a CSV stream into SnapshotWriter, one transaction, schema inferred.</summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        _ = Measurement.StartWorkingSet;
        var rows = args.Long("rows");
        DapperSetup.Configure();
        var factory = new SqliteConnectionFactory($"Data Source={args.Required("db")}");
        await new MigrationRunner(factory).ApplyAsync();
        var writer = new SnapshotWriter(factory, new IngestLimits(), TimeProvider.System, new AuditTrail(factory, TimeProvider.System));
        var options = new IngestOptions
        {
            Source = "bench",
            Actor = new Who("bench"),
            Progress = p => Console.WriteLine($"progress {p.RowsRead}"),
        };

        var clock = Stopwatch.StartNew();
        await using var csv = new SyntheticTelcoCsvStream(rows);
        var result = await writer.IngestAsync(args.Get("dataset") ?? "bench", csv, options);
        clock.Stop();

        if (!result.Committed)
        {
            Console.Error.WriteLine($"not committed: {result.Message}");
            return 1;
        }
        Console.WriteLine($"committed snapshot {result.Snapshot!.Id} rows {result.Snapshot.RowsAdded}");
        Measurement.Print("ingest", rows, clock.Elapsed);
        return 0;
    }
}
