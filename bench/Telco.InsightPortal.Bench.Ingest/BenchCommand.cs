using System.Diagnostics;
using System.Globalization;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Bench.Ingest;

/// <summary>
/// Runs the ingest and the baseline each in a child process of this program (so that each peak working
/// set is that phase's own), then times preview page reads of the ingested snapshot in this process.
/// </summary>
internal static class BenchCommand
{
    private const int PageSize = 100;
    private const double GoalRatio = 0.5;
    private const double GoalPeakMb = 300;
    private const double GoalPageMs = 50;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var rows = args.Long("rows", 1_000_000);
        var reads = (int)args.Long("reads", 50);
        var dir = args.Get("dir") ?? Path.Combine(Path.GetTempPath(), "telco-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var ingestDb = Path.Combine(dir, "ingest.db");
        var baselineDb = Path.Combine(dir, "baseline.db");
        foreach (var f in Directory.GetFiles(dir, "*.db*")) File.Delete(f);
        Console.WriteLine($"{rows:N0} synthetic telco rows (21 columns), SQLite files in {dir}");

        var ingest = RunPhase("ingest", "--db", ingestDb, "--rows", Invariant(rows));
        var baseline = RunPhase("baseline", "--db", baselineDb, "--rows", Invariant(rows), "--like", ingestDb);
        var ratio = ingest["rows_per_s"] / baseline["rows_per_s"];

        Console.WriteLine();
        Console.WriteLine("phase     rows/s      seconds  peak WS MB  (idle start MB)  allocated MB");
        foreach (var (name, r) in new[] { ("ingest", ingest), ("baseline", baseline) })
            Console.WriteLine($"{name,-9} {r["rows_per_s"],10:N0}  {r["seconds"],7:N2}  {r["peak_working_set_mb"],10:N1}  ({r["start_working_set_mb"],13:N1})  {r["allocated_mb"],12:N0}");
        Console.WriteLine($"ingest / baseline = {ratio:P0} (goal >= {GoalRatio:P0}): {Verdict(ratio >= GoalRatio)}");
        Console.WriteLine($"ingest peak working set = {ingest["peak_working_set_mb"]:N1} MB (goal < {GoalPeakMb} MB): {Verdict(ingest["peak_working_set_mb"] < GoalPeakMb)}");

        var pagesOk = await PreviewReadsAsync(ingestDb, reads);
        if (args.Get("dir") is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true); // a million rows twice: do not leave them in /tmp
        }
        return ratio >= GoalRatio && ingest["peak_working_set_mb"] < GoalPeakMb && pagesOk ? 0 : 1;
    }

    /// <summary>Times preview pages of the newest snapshot of dataset "bench" in <paramref name="db"/>: in ingest
    /// order (the goal) and sorted by MonthlyCharges (for information: a sorted page sorts the snapshot and makes no
    /// index, so the first sorted read is not special).</summary>
    public static async Task<bool> PreviewReadsAsync(string db, int reads, int sortedReads = 5)
    {
        DapperSetup.Configure();
        var store = new DatasetStore(new SqliteConnectionFactory($"Data Source={db}"));
        var dataset = (await store.GetAsync("bench"))!;
        var snapshot = (await store.SnapshotAsync(dataset.Id, dataset.CurrentSnapshotId!.Value))!;
        var rows = snapshot.TotalRows;
        Console.WriteLine();
        Console.WriteLine($"preview pages of {PageSize} rows of {rows:N0}, median of {reads} reads after one warm-up (goal < {GoalPageMs} ms)");
        var ok = true;
        foreach (var offset in new[] { 0, rows / 2, rows - 1000 })
        {
            var ms = await MedianMsAsync(reads, () => store.PageAsync(dataset, snapshot, offset, PageSize));
            ok &= ms < GoalPageMs;
            Console.WriteLine($"  offset {offset,9:N0}: {ms,8:N2} ms  {Verdict(ms < GoalPageMs)}");
        }
        var first = Stopwatch.StartNew();
        await store.PageAsync(dataset, snapshot, 0, PageSize, "MonthlyCharges");
        Console.WriteLine($"  first sorted page: {first.Elapsed.TotalMilliseconds,8:N0} ms");
        foreach (var offset in new[] { 0, rows / 2, rows - 1000 })
        {
            var ms = await MedianMsAsync(sortedReads, () => store.PageAsync(dataset, snapshot, offset, PageSize, "MonthlyCharges"));
            Console.WriteLine($"  sorted by MonthlyCharges, offset {offset,9:N0}: {ms,8:N2} ms (median of {sortedReads})");
        }
        return ok;
    }

    private static async Task<double> MedianMsAsync(int reads, Func<Task<RowPage>> read)
    {
        var page = await read();
        if (page.Rows.Count == 0) throw new InvalidOperationException("The page is empty.");
        var times = new double[reads];
        for (var i = 0; i < reads; i++)
        {
            var clock = Stopwatch.StartNew();
            await read();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[reads / 2];
    }

    private static Dictionary<string, double> RunPhase(params string[] args)
    {
        var start = SelfStartInfo();
        foreach (var a in args) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        Console.Write($"{args[0]}: ");
        using var child = Process.Start(start)!;
        string? result = null;
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("result ", StringComparison.Ordinal)) result = line;
            else if (line.StartsWith("progress ", StringComparison.Ordinal)) Console.Write('.');
        }
        child.WaitForExit();
        Console.WriteLine();
        if (child.ExitCode != 0 || result is null) throw new InvalidOperationException($"The {args[0]} phase failed (exit code {child.ExitCode}).");
        return Measurement.Parse(result);
    }

    /// <summary>This program again: through the apphost when run as one, else through the dotnet host.</summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        return start;
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
