using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Serving.Logging;

/// <summary>
/// One scored request, as the log writer needs it. The rows are already encoded as the log stores them (UTF-8 JSON
/// arrays, back to back in <see cref="Values"/>, row i ending at <see cref="ValueEnds"/>[i]): encoding them on the
/// request thread costs what it would cost the writer, but lets the parsed rows die young instead of surviving, queued,
/// into older GC generations. <see cref="Uuids"/> are UUIDv7, so each prediction's time is its id's.
/// <see cref="EntityIds"/> holds each row's id (customerID), null when no row of the request carried one.
/// </summary>
public sealed record ScoredRequest(long DeploymentId, string ModelVersion, IReadOnlyList<DatasetColumn> Inputs, byte[] Values, int[] ValueEnds,
    float[] Probabilities, int[] Labels, Guid[] Uuids, long CreatedAt, double LatencyMs, bool Failed = false, string?[]? EntityIds = null)
{
    public int Count => Uuids.Length;

    public ReadOnlyMemory<byte> ValuesOf(int row) => Values.AsMemory((row == 0 ? 0 : ValueEnds[row - 1])..ValueEnds[row]);

    public static ScoredRequest Scored(long deploymentId, string modelVersion, IReadOnlyList<DatasetColumn> inputs, IReadOnlyList<object?[]> rows,
        float[] probabilities, int[] labels, Guid[] uuids, long createdAt, double latencyMs, string?[]? entityIds = null)
    {
        var (values, ends) = RowValues.Encode(inputs, rows);
        return new ScoredRequest(deploymentId, modelVersion, inputs, values, ends, probabilities, labels, uuids, createdAt, latencyMs, EntityIds: entityIds);
    }

    /// <summary>A request the deployment refused (bad input, another deployment's key): counted, nothing logged.</summary>
    public static ScoredRequest Refused(long deploymentId, long at) => new(deploymentId, "", [], [], [], [], [], [], at, 0, Failed: true);
}

/// <summary>
/// The bounded queue between scoring and the store, bounded in rows (<see cref="ServingOptions.LogCapacity"/>): one
/// request may carry up to <see cref="ServingOptions.MaxRows"/> rows, so a bound in requests would let a flood of large
/// batches hold that many times more. Scoring only ever calls <see cref="Offer"/>, which never waits: when the
/// request's rows do not fit, its predictions are dropped and counted (per deployment, until the writer adds them to
/// the store's counter, and in total for metrics and health). A refused request, which logs no row, weighs one.
/// </summary>
public sealed class PredictionLog
{
    private readonly Channel<ScoredRequest> _channel =
        Channel.CreateUnbounded<ScoredRequest>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly ConcurrentDictionary<long, long> _pendingDrops = new();
    private readonly long _capacity;
    private long _queued;
    private long _dropped;

    public PredictionLog(IOptions<ServingOptions> options)
    {
        Enabled = options.Value.LogPredictions;
        _capacity = Math.Max(1, options.Value.LogCapacity);
    }

    public bool Enabled { get; }

    /// <summary>Predictions dropped since start because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Rows waiting for the writer; never more than the capacity.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    public void Offer(ScoredRequest request)
    {
        if (!Enabled && !request.Failed) return;
        var weight = Weight(request);
        // Reserve the rows first: of two requests racing for the last room, one gets it and the other backs out.
        if (Interlocked.Add(ref _queued, weight) > _capacity || !_channel.Writer.TryWrite(request))
        {
            Interlocked.Add(ref _queued, -weight);
            CountDropped(request.DeploymentId, weight);
        }
    }

    /// <summary>Waits until a request is queued; false once the log is completed and empty.</summary>
    internal ValueTask<bool> WaitToTakeAsync(CancellationToken ct) => _channel.Reader.WaitToReadAsync(ct);

    /// <summary>The writer's side: takes the oldest queued request and frees its rows.</summary>
    internal bool TryTake([MaybeNullWhen(false)] out ScoredRequest request)
    {
        if (!_channel.Reader.TryRead(out request)) return false;
        Interlocked.Add(ref _queued, -Weight(request));
        return true;
    }

    private static long Weight(ScoredRequest request) => Math.Max(1, request.Count);

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
