namespace Telco.InsightPortal.Bench.Ingest;

/// <summary>Times preview pages of a database that an earlier <c>ingest</c> (or <c>bench --dir</c>) left, so read
/// paths can be compared on the same million rows without ingesting them again.</summary>
internal static class PreviewCommand
{
    public static async Task<int> RunAsync(BenchArgs args) =>
        await BenchCommand.PreviewReadsAsync(args.Required("db"), (int)args.Long("reads", 50)) ? 0 : 1;
}
