using System.Diagnostics;

namespace Telco.InsightPortal.Bench.Serving;

/// <summary>The outcome of one load phase. Latencies are client-side, request start to last byte read.</summary>
/// <see cref="CpuMicroseconds"/> is the whole process's CPU time per request (server, generator and any background work
/// such as the log writer): on a noisy machine it moves far less than throughput, because another process's load
/// takes cores away but does not add work to each request.
public sealed record LoadResult(long Requests, long Failures, TimeSpan Elapsed, double P50Ms, double P95Ms, double P99Ms, string? FirstFailure,
    double CpuMicroseconds)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{PerSecond,9:N0} req/s  p50 {P50Ms,6:F2} ms  p95 {P95Ms,6:F2} ms  p99 {P99Ms,6:F2} ms  cpu {CpuMicroseconds,5:F0} µs/req  failures {Failures}" +
        (FirstFailure is null ? "" : $" (first: {FirstFailure})");
}

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> workers each send one request, wait for the whole answer, and
/// send the next. The same generator drives the baseline and the portal's endpoint in the same process, so their
/// ratio is fair even on a noisy two-core machine where the generator competes with the server.
/// </summary>
public static class LoadGenerator
{
    /// <param name="send">Sends one request; returns null on success or a short description of the failure.</param>
    /// <param name="end">Ends the measured phase early (the redeploy test runs until its redeploys are done).</param>
    public static async Task<LoadResult> RunAsync(Func<CancellationToken, Task<string?>> send, int concurrency, TimeSpan warmup, TimeSpan duration,
        CancellationToken end = default)
    {
        if (warmup > TimeSpan.Zero) await RunPhaseAsync(send, concurrency, warmup, CancellationToken.None);
        return await RunPhaseAsync(send, concurrency, duration, end);
    }

    private static async Task<LoadResult> RunPhaseAsync(Func<CancellationToken, Task<string?>> send, int concurrency, TimeSpan duration, CancellationToken end)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(end);
        stop.CancelAfter(duration);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkerAsync(send, stop.Token))).ToArray();
        var results = await Task.WhenAll(workers);
        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        var failures = results.Sum(r => r.Failures);
        return new LoadResult(latencies.Length + failures, failures, clock.Elapsed,
            Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
            results.Select(r => r.FirstFailure).FirstOrDefault(f => f is not null),
            cpu.TotalMicroseconds / Math.Max(1, latencies.Length + failures));
    }

    private sealed record WorkerResult(List<double> Latencies, long Failures, string? FirstFailure);

    private static async Task<WorkerResult> WorkerAsync(Func<CancellationToken, Task<string?>> send, CancellationToken stop)
    {
        var latencies = new List<double>(1 << 16);
        long failures = 0;
        string? first = null;
        while (!stop.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            string? failure;
            try
            {
                // Not cancelled by the phase's end: a request in flight completes and counts.
                failure = await send(CancellationToken.None);
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            if (failure is null) latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            else
            {
                failures++;
                first ??= failure;
            }
        }
        return new WorkerResult(latencies, failures, first);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
