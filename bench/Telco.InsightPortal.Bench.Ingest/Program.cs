using Telco.InsightPortal.Bench.Ingest;

return args switch
{
    ["ingest", .. var rest] => await IngestCommand.RunAsync(BenchArgs.Parse(rest)),
    ["baseline", .. var rest] => await BaselineCommand.RunAsync(BenchArgs.Parse(rest)),
    ["bench", .. var rest] => await BenchCommand.RunAsync(BenchArgs.Parse(rest)),
    ["preview", .. var rest] => await PreviewCommand.RunAsync(BenchArgs.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          ingest   --db <sqlite file> --rows N [--dataset name]   stream N synthetic rows through SnapshotWriter
          baseline --db <sqlite file> --rows N --like <ingest db> bare prepared inserts of the same typed rows
          bench    [--rows N] [--reads N] [--dir folder]          both in child processes, then page reads
          preview  --db <ingest db> [--reads N]                   page reads only, of a database an ingest left
        """);
    return 2;
}
