using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Telco.Apps.ChurnExplorer;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Core.Audit;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Data.Generators;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.TestSupport;
using Telco.InsightPortal.Web.Apps;
using Telco.InsightPortal.Web.Datasets;
using Telco.InsightPortal.Web.Demo;
using static Telco.InsightPortal.Bench.Explorer.Measure;

namespace Telco.InsightPortal.Bench.Explorer;

/// <summary>
/// The Churn Explorer's goals measured through the real portal on Kestrel, scoring over HTTP through its own serving
/// endpoint, as a business user's circuit reaches it: a cold first page of a ≥100k-row snapshot (&lt; 1 s), a what-if
/// re-score (p95 &lt; 100 ms) and a retention search of 256 candidates (&lt; 300 ms).
/// </summary>
internal static class EndToEnd
{
    private const int PageSize = 50;

    public static async Task RunAsync(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        var coldPages = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var idleRounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores; end to end: {rows:N0} generated rows, {calls} calls");

        var started = Stopwatch.StartNew();
        // PortalFactory is test infrastructure (TestSupport), reused here as the E2E tests use it: the real host on a
        // real port over a private SQLite store, configured as `dotnet run` is (Development, demo models on). The
        // demo snapshot stays at the portal's default 5,000 rows so training stays quick; the large snapshot is added below.
        await using var portal = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            [PortalFactory.EnvironmentSetting] = "Development",
            ["Portal:Demo:Models"] = "true",
            ["Portal:Demo:TelcoRows"] = "5000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        Console.WriteLine($"portal at {portal.StartKestrel()}");
        var services = portal.Services;
        var outcomes = await services.GetRequiredService<DemoModelsService>().Completion.WaitAsync(TimeSpan.FromMinutes(10));
        if (outcomes.Any(o => o.Status != DemoModelStatus.Deployed))
            throw new InvalidOperationException("Demo models: " + string.Join(", ", outcomes.Select(o => $"{o.Model} {o.Status} {o.Error}")));
        Console.WriteLine($"demo models deployed after {started.Elapsed.TotalSeconds:0} s");

        using var scope = services.CreateScope();
        var host = scope.ServiceProvider.GetRequiredService<IAppHost>();
        var appRows = services.GetRequiredService<AppRows>();
        var filler = services.GetRequiredService<RowScoreFiller>();
        var source = await appRows.SourceAsync(ChurnExplorerApp.AppId, CancellationToken.None) ?? throw new InvalidOperationException("churn-explorer is not bound");
        var cache = new PageCache(scope.ServiceProvider.GetRequiredService<RowScoreStore>(), source);

        // Ingested after the demo model trained, so it trains on the small snapshot; appended, so the new snapshot
        // holds the demo's rows and the generated ones, none of them scored yet.
        var snapshot = await IngestAsync(services, rows);
        // First-call costs (JIT, serving's model load, the HTTP connection, SQLite's first reads of the new table) out of
        // the figures, without AppRows: any page it reads asks the filler to score the snapshot, which would warm it.
        for (var i = 0; i < 5; i++)
            await host.ExplainAsync(ChurnExplorerApp.AppId, [.. await cache.RowsAsync(snapshot, 0, 1)]);
        await cache.CachedAsync(snapshot, 0);

        var cold = new List<ColdPage>();
        // The first read of a snapshot is the only one that finds the background filler idle: it asks the filler to
        // score the snapshot, in ingest order from the snapshot's start. The next pages are read from the end backwards,
        // 5,000 rows apart, where the filler has not got to, while it works (as when a user pages during the fill).
        var offsets = new List<long> { 0 };
        for (var k = 0; k < coldPages - 1 && snapshot.TotalRows - PageSize - k * 5_000L >= 0; k++) offsets.Add(snapshot.TotalRows - PageSize - k * 5_000L);
        AppRowPage? first = null;
        foreach (var offset in offsets)
            if (await ColdPageAsync(appRows, cache, filler, snapshot, offset) is (var page, var sample))
            {
                first ??= page;
                cold.Add(sample);
            }
        var fill = await FillAsync(filler, snapshot.TotalRows);

        // More first reads with the filler idle, each on a fresh snapshot: another batch of rows appended (so the snapshot
        // grows), its last page read at once (its rows are the new, unscored ones), then the fill awaited before the next.
        for (var round = 0; round < idleRounds; round++)
        {
            var next = await IngestAsync(services, rows);
            if (await ColdPageAsync(appRows, cache, filler, next, next.TotalRows - PageSize) is (_, var sample)) cold.Add(sample);
            await FillAsync(filler, rows);
        }

        // The rest with the filler idle, so the figures are the calls' own, not the fill's competition for 2 cores.
        var warm = await WarmPagesAsync(appRows, cache, snapshot);
        var firstPage = (first ?? throw new InvalidOperationException("No cold page was read.")).Rows.Select(r => r.Values).ToList();
        var whatIf = await WhatIfAsync(host, firstPage, calls);
        var (search, scoring, searched) = await SearchesAsync(host, firstPage, cache, snapshot, calls);

        Console.WriteLine();
        Console.WriteLine($"(a) first page, {PageSize} rows, of a ≥{snapshot.TotalRows:N0}-row snapshot (AppRows.PageAsync), goal < 1 s:");
        foreach (var c in cold) Console.WriteLine($"  cold  {c.Ms,7:0.0} ms (store query re-run {c.StoreMs:0} ms)  snapshot of {c.SnapshotRows:N0} rows, offset {c.Offset:N0}, filler {(c.FillerIdle ? "idle" : "busy")}");
        var idle = cold.Where(c => c.FillerIdle).Select(c => c.Ms).ToList();
        var busy = cold.Where(c => !c.FillerIdle).Select(c => c.Ms).ToList();
        if (idle.Count > 0) Console.WriteLine($"  cold, filler idle  median {Percentile(idle, 50):0.0} ms  max {idle.Max():0.0} ms  (n={idle.Count})");
        if (busy.Count > 0) Console.WriteLine($"  cold, filler busy  median {Percentile(busy, 50):0.0} ms  max {busy.Max():0.0} ms  (n={busy.Count})");
        Console.WriteLine($"  warm, all {PageSize} rows cached:  p50 {Percentile(warm, 50):0.0} ms  p95 {Percentile(warm, 95):0.0} ms  (n={warm.Count})");
        Console.WriteLine($"  the filler cached the first {snapshot.TotalRows:N0}-row snapshot in {fill.TotalSeconds:0.0} s after the first read");
        Console.WriteLine($"(b) what-if re-score, IAppHost.ExplainAsync of 1 edited row, goal p95 < 100 ms:");
        Console.WriteLine($"  p50 {Percentile(whatIf, 50):0.00} ms  p95 {Percentile(whatIf, 95):0.00} ms  max {whatIf.Max():0.00} ms  (n={whatIf.Count})");
        Console.WriteLine($"(c) retention search, {RetentionSearch.MaxCandidates} candidates + the customer in one IAppHost.ExplainAsync, goal < 300 ms:");
        Console.WriteLine($"  total    p50 {Percentile(search, 50):0.00} ms  p95 {Percentile(search, 95):0.00} ms  max {search.Max():0.00} ms  (n={search.Count}, {searched} customers)");
        Console.WriteLine($"  scoring  p50 {Percentile(scoring, 50):0.00} ms  p95 {Percentile(scoring, 95):0.00} ms");
    }

    private static async Task<Snapshot> IngestAsync(IServiceProvider services, int rows)
    {
        var ingest = Stopwatch.StartNew();
        var result = await services.GetRequiredService<DatasetIngestService>()
            .GenerateAsync(DemoSeeder.TelcoDataset, "telco-churn", new GeneratorRequest(rows, Seed: 7), new Who("bench"), CancellationToken.None);
        var snapshot = result.Snapshot ?? throw new InvalidOperationException("Ingest failed: " + result.Message);
        Console.WriteLine($"snapshot {snapshot.Id}: {snapshot.TotalRows:N0} rows, {rows:N0} of them new, ingested in {ingest.Elapsed.TotalSeconds:0.0} s");
        return snapshot;
    }

    private sealed record ColdPage(long SnapshotRows, long Offset, double Ms, bool FillerIdle, double StoreMs);

    /// <summary>
    /// One cold read. Its coldness is checked by the page's own ScoredAt, null only when no row of the page came from
    /// the score cache (not by reading the store first, which would warm SQLite's pages for the read); a page that was
    /// not cold is reported and dropped. The store's part is the same page query re-run after the read (warm, so a floor).
    /// </summary>
    private static async Task<(AppRowPage, ColdPage)?> ColdPageAsync(AppRows appRows, PageCache cache, RowScoreFiller filler, Snapshot snapshot, long offset)
    {
        var idle = filler.Pending == 0;
        var start = Stopwatch.GetTimestamp();
        var page = await appRows.PageAsync(ChurnExplorerApp.AppId, snapshot.Id, new AppRowQuery { Offset = (int)offset, Limit = PageSize }, CancellationToken.None);
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (page.ScoredAt is not null || page.Rows.Count != PageSize)
        {
            Console.WriteLine($"  page @{offset:N0}: {page.Rows.Count} rows, cached at {page.ScoredAt}; not counted as cold");
            return null;
        }
        start = Stopwatch.GetTimestamp();
        await cache.CachedAsync(snapshot, offset);
        return (page, new ColdPage(snapshot.TotalRows, offset, ms, idle, Stopwatch.GetElapsedTime(start).TotalMilliseconds));
    }

    /// <summary>Waits until the filler has nothing left to score.</summary>
    private static async Task<TimeSpan> FillAsync(RowScoreFiller filler, long rows)
    {
        var wait = Stopwatch.StartNew();
        while (filler.Pending > 0)
        {
            if (wait.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("The filler did not finish in 10 minutes.");
            await Task.Delay(50);
        }
        Console.WriteLine($"filler done in {wait.Elapsed.TotalSeconds:0.0} s ({rows:N0} rows to score)");
        return wait.Elapsed;
    }

    /// <summary>The snapshot's first page again and again, once all its rows are cached.</summary>
    private static async Task<List<double>> WarmPagesAsync(AppRows appRows, PageCache cache, Snapshot snapshot)
    {
        if (await cache.CachedAsync(snapshot, 0) < PageSize) throw new InvalidOperationException("The first page is not cached after the fill.");
        var warm = new List<double>();
        for (var i = -5; i < 50; i++) // 5 warm-up reads
        {
            var start = Stopwatch.GetTimestamp();
            await appRows.PageAsync(ChurnExplorerApp.AppId, snapshot.Id, new AppRowQuery { Limit = PageSize }, CancellationToken.None);
            if (i >= 0) warm.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return warm;
    }

    /// <summary>One edited customer at a time, as the what-if panel sends it: each call a different customer and edit.</summary>
    private static async Task<List<double>> WhatIfAsync(IAppHost host, List<IReadOnlyDictionary<string, object?>> page, int calls)
    {
        string[] contracts = ["Month-to-month", "One year", "Two year"];
        var times = new List<double>();
        for (var i = -20; i < calls; i++) // 20 warm-up calls
        {
            var edited = new Dictionary<string, object?>(page[(i + 20) % page.Count])
            {
                ["Contract"] = contracts[(i + 20) % 3], ["MonthlyCharges"] = 20.0 + (i + 20) % 100,
            };
            var start = Stopwatch.GetTimestamp();
            var reply = await host.ExplainAsync(ChurnExplorerApp.AppId, [edited]);
            if (i >= 0) times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (reply.Count != 1) throw new InvalidOperationException("Explain answered for another number of rows.");
        }
        return times;
    }

    /// <summary>Searches for customers of the cold page (and further pages if it holds too few) who get the full 256
    /// candidates from the bench's 12-offer catalog: the search's worst case, one scoring call of 257 rows each.</summary>
    private static async Task<(List<double> Total, List<double> Scoring, int Customers)> SearchesAsync(IAppHost host,
        List<IReadOnlyDictionary<string, object?>> page, PageCache cache, Snapshot snapshot, int calls)
    {
        var catalog = OfferCatalog.Parse(BenchCatalog.Text);
        var customers = page.Where(r => RetentionSearch.Candidates(r, catalog).Count == RetentionSearch.MaxCandidates).ToList();
        for (var offset = PageSize; customers.Count < 20 && offset < 5_000; offset += 500)
            customers.AddRange((await cache.RowsAsync(snapshot, offset, 500)).Where(r => RetentionSearch.Candidates(r, catalog).Count == RetentionSearch.MaxCandidates));
        if (customers.Count == 0) throw new InvalidOperationException("No customer gets the full 256 candidates.");
        var total = new List<double>();
        var scoring = new List<double>();
        for (var i = -10; i < calls; i++) // 10 warm-up searches
        {
            var scoreMs = 0.0;
            var start = Stopwatch.GetTimestamp();
            await RetentionSearch.FindAsync(customers[(i + 10) % customers.Count], catalog, 0.5, RetentionSearch.DefaultValueOfSaving, async (rows, ct) =>
            {
                var s = Stopwatch.GetTimestamp();
                var explained = await host.ExplainAsync(ChurnExplorerApp.AppId, rows, ct);
                scoreMs = Stopwatch.GetElapsedTime(s).TotalMilliseconds;
                return [.. explained.Select(e => e.Probability)];
            });
            if (i < 0) continue;
            total.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            scoring.Add(scoreMs);
        }
        return (total, scoring, customers.Count);
    }

    /// <summary>The score cache as the store holds it, row by row: what AppRows will find for a page.</summary>
    private sealed class PageCache(RowScoreStore scores, AppRowSource source)
    {
        public async Task<int> CachedAsync(Snapshot snapshot, long offset) =>
            (await scores.PageAsync(source.Dataset, snapshot, source.Version.Sha256, new RowScoreQuery { Offset = offset, Limit = PageSize }))
            .Rows.Count(r => r.Probability is not null);

        public async Task<IEnumerable<IReadOnlyDictionary<string, object?>>> RowsAsync(Snapshot snapshot, long offset, int limit) =>
            (await scores.PageAsync(source.Dataset, snapshot, source.Version.Sha256, new RowScoreQuery { Offset = offset, Limit = limit }))
            .Rows.Select(r => source.Record(r.Values));
    }
}
