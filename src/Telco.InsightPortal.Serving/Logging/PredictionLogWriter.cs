using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Serving.Logging;

/// <summary>
/// Drains the prediction log in batches of about <see cref="ServingOptions.LogBatchSize"/> predictions, one store
/// transaction each, together with the request, failure and drop counters they carry. A batch the store refuses is
/// counted as dropped, never retried forever, so a store outage cannot grow memory.
/// </summary>
public sealed class PredictionLogWriter(PredictionLog log, DeploymentStore store, IOptions<ServingOptions> options, ILogger<PredictionLogWriter> logger)
    : BackgroundService
{
    private readonly int _batchSize = Math.Max(1, options.Value.LogBatchSize);
    private readonly TimeSpan _gather = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.LogGatherMilliseconds));
    private readonly LayoutCache _layouts = new();

    /// <summary>
    /// Runs on a thread of its own. SQLite's "async" calls complete synchronously, so a batch of a thousand inserts
    /// would otherwise hold a thread-pool thread for tens of milliseconds — on a two-core replica, half of the threads
    /// Kestrel scores on — and requests would queue behind it.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The writer thread's name, as the OS shows it (top -H, /proc): what it costs can be read per thread.</summary>
    public const string ThreadName = "prediction-log";

    private void Run(CancellationToken stoppingToken)
    {
        Thread.CurrentThread.Name = ThreadName;
        var batch = new List<ScoredRequest>();
        try
        {
            while (log.WaitToTakeAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
            {
                // Under load a prediction arrives every fraction of a millisecond; writing each as it comes would
                // mean thousands of small transactions a second. So the writer lets a batch gather for a moment,
                // unless a full one is already waiting.
                if (log.Queued < _batchSize) stoppingToken.WaitHandle.WaitOne(_gather);
                DrainAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: write what is queued, then stop.
        }
        DrainAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Writes everything queued now, batch by batch.</summary>
    internal async Task DrainAsync(List<ScoredRequest> batch, CancellationToken ct)
    {
        do
        {
            batch.Clear();
            var rows = 0;
            while (rows < _batchSize && log.TryTake(out var request))
            {
                batch.Add(request);
                rows += request.Count;
            }
            var drops = log.TakeDrops();
            if (batch.Count == 0 && drops.Count == 0) return;
            await WriteAsync(batch, drops, ct);
        }
        while (batch.Count > 0);
    }

    private async Task WriteAsync(List<ScoredRequest> batch, IReadOnlyDictionary<long, long> drops, CancellationToken ct)
    {
        var predictions = new List<LoggedPrediction>();
        foreach (var r in batch)
        {
            if (r.Failed) continue;
            var layout = _layouts.Of(r);
            for (var i = 0; i < r.Count; i++)
                predictions.Add(new LoggedPrediction(layout, r.Uuids[i], r.LatencyMs, r.ValuesOf(i), r.Probabilities[i], r.Labels[i], r.EntityIds?[i]));
        }
        var minute = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000;
        var counters = batch.GroupBy(r => (r.DeploymentId, Minute: r.CreatedAt / 60_000))
            .Select(g => new CounterDelta(g.Key.DeploymentId, g.Key.Minute, g.Count(), g.Count(r => r.Failed), 0))
            .Concat(drops.Select(d => new CounterDelta(d.Key, minute, 0, 0, d.Value)))
            .ToList();
        try
        {
            await store.WritePredictionsAsync(predictions, counters, ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            logger.LogError("Could not write {Count} predictions to the store; they are counted as dropped: {Message}", predictions.Count, e.Message);
            foreach (var r in batch.Where(r => !r.Failed)) log.CountDropped(r.DeploymentId, r.Count);
        }
    }
}
