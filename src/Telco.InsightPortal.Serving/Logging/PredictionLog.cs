using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Serving.Logging;

/// <summary>One scored request, as the log writer needs it; the rows' JSON is built by the writer, off the request path.
/// <see cref="Uuids"/> are UUIDv7, so each prediction's time is its id's.</summary>
public sealed record ScoredRequest(long DeploymentId, string ModelVersion, IReadOnlyList<DatasetColumn> Inputs, IReadOnlyList<object?[]> Rows,
    float[] Probabilities, int[] Labels, Guid[] Uuids, long CreatedAt, double LatencyMs, bool Failed = false)
{
    /// <summary>A request the deployment refused (bad input, another deployment's key): counted, nothing logged.</summary>
    public static ScoredRequest Refused(long deploymentId, long at) => new(deploymentId, "", [], [], [], [], [], at, 0, Failed: true);
}

/// <summary>
/// The bounded queue between scoring and the store. Scoring only ever calls <see cref="Offer"/>, which never waits:
/// when the queue is full the request's predictions are dropped and counted (per deployment, until the writer adds
/// them to the store's counter, and in total for metrics and health).
/// </summary>
public sealed class PredictionLog
{
    private readonly Channel<ScoredRequest> _channel;
    private readonly ConcurrentDictionary<long, long> _pendingDrops = new();
    private long _dropped;

    public PredictionLog(IOptions<ServingOptions> options)
    {
        Enabled = options.Value.LogPredictions;
        _channel = Channel.CreateBounded<ScoredRequest>(new BoundedChannelOptions(Math.Max(1, options.Value.LogCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = false,
        });
    }

    public bool Enabled { get; }

    /// <summary>Predictions dropped since start because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public int Queued => _channel.Reader.Count;

    internal ChannelReader<ScoredRequest> Reader => _channel.Reader;

    public void Offer(ScoredRequest request)
    {
        if (!Enabled && !request.Failed) return;
        if (!_channel.Writer.TryWrite(request)) CountDropped(request.DeploymentId, Math.Max(1, request.Rows.Count));
    }

    internal void CountDropped(long deploymentId, long rows)
    {
        Interlocked.Add(ref _dropped, rows);
        _pendingDrops.AddOrUpdate(deploymentId, rows, (_, n) => n + rows);
        ServingMetrics.Dropped.Inc(rows);
    }

    /// <summary>Drops not yet added to the store's counters, taken by the writer.</summary>
    internal IReadOnlyDictionary<long, long> TakeDrops()
    {
        var taken = new Dictionary<long, long>();
        foreach (var id in _pendingDrops.Keys)
            if (_pendingDrops.TryRemove(id, out var n)) taken[id] = n;
        return taken;
    }

    internal void Complete() => _channel.Writer.TryComplete();
}
