using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Serving.Logging;

/// <summary>
/// Drains the prediction log in batches of up to <see cref="ServingOptions.LogBatchSize"/> predictions, one store
/// transaction each, together with the request, failure and drop counters they carry. A batch the store refuses is
/// counted as dropped, never retried forever, so a store outage cannot grow memory.
/// </summary>
public sealed class PredictionLogWriter(PredictionLog log, DeploymentStore store, IOptions<ServingOptions> options, ILogger<PredictionLogWriter> logger)
    : BackgroundService
{
    private readonly int _batchSize = Math.Max(1, options.Value.LogBatchSize);
    private readonly TimeSpan _gather = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.LogGatherMilliseconds));

    /// <summary>
    /// Runs on a thread of its own. SQLite's "async" calls complete synchronously, so a batch of a thousand inserts
    /// would otherwise hold a thread-pool thread for tens of milliseconds — on a two-core replica, half of the threads
    /// Kestrel scores on — and requests would queue behind it.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var batch = new List<ScoredRequest>();
        try
        {
            while (log.Reader.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
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
            while (rows < _batchSize && log.Reader.TryRead(out var request))
            {
                batch.Add(request);
                rows += request.Rows.Count;
            }
            var drops = log.TakeDrops();
            if (batch.Count == 0 && drops.Count == 0) return;
            await WriteAsync(batch, drops, ct);
        }
        while (batch.Count > 0);
    }

    private async Task WriteAsync(List<ScoredRequest> batch, IReadOnlyDictionary<long, long> drops, CancellationToken ct)
    {
        var predictions = new List<PredictionRecord>();
        foreach (var r in batch.Where(r => !r.Failed))
            for (var i = 0; i < r.Rows.Count; i++)
                predictions.Add(new PredictionRecord
                {
                    Uuid = r.Uuids[i], DeploymentId = r.DeploymentId, ModelVersion = r.ModelVersion, CreatedAt = r.CreatedAt,
                    LatencyMs = r.LatencyMs, Inputs = InputsJson(r, r.Rows[i]), Probability = r.Probabilities[i], Label = r.Labels[i],
                });
        var counters = batch.GroupBy(r => r.DeploymentId).Select(g => g.Key).Union(drops.Keys)
            .Select(id => new CounterDelta(id, batch.Count(r => r.DeploymentId == id), batch.Count(r => r.DeploymentId == id && r.Failed), drops.GetValueOrDefault(id)))
            .ToList();
        try
        {
            await store.WritePredictionsAsync(predictions, counters, ct);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            logger.LogError("Could not write {Count} predictions to the store; they are counted as dropped: {Message}", predictions.Count, e.Message);
            foreach (var r in batch.Where(r => !r.Failed)) log.CountDropped(r.DeploymentId, r.Rows.Count);
        }
    }

    private static string InputsJson(ScoredRequest request, object?[] row)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var c in request.Inputs)
            {
                switch (row[c.Ordinal])
                {
                    case null: json.WriteNull(c.Name); break;
                    case long l: json.WriteNumber(c.Name, l); break;
                    case double d: json.WriteNumber(c.Name, d); break;
                    case var v: json.WriteString(c.Name, Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)); break;
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
