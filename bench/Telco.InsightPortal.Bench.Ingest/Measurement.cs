using System.Diagnostics;
using System.Globalization;

namespace Telco.InsightPortal.Bench.Ingest;

/// <summary>
/// What a phase child prints last, for the bench parent to parse. Each phase runs in its own process, so
/// the process's peak working set (VmHWM on Linux) is that phase's peak and nothing else's: runtime,
/// SQLite page cache, buffers and the managed heap together. The working set at the phase start is
/// printed too, to tell what the phase added from what an idle .NET process already holds.
/// </summary>
internal static class Measurement
{
    public static long StartWorkingSet { get; } = Environment.WorkingSet;

    public static void Print(string phase, long rows, TimeSpan elapsed)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var values = new (string, double)[]
        {
            ("rows", rows),
            ("seconds", elapsed.TotalSeconds),
            ("rows_per_s", rows / elapsed.TotalSeconds),
            ("peak_working_set_mb", process.PeakWorkingSet64 / 1048576.0),
            ("start_working_set_mb", StartWorkingSet / 1048576.0),
            ("allocated_mb", GC.GetTotalAllocatedBytes() / 1048576.0),
            ("gc_heap_mb", GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0),
        };
        Console.WriteLine($"result {phase} " + string.Join(' ', values.Select(v => $"{v.Item1}={v.Item2.ToString("0.###", CultureInfo.InvariantCulture)}")));
    }

    public static Dictionary<string, double> Parse(string line) => line.Split(' ').Skip(2)
        .Select(p => p.Split('='))
        .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
}
