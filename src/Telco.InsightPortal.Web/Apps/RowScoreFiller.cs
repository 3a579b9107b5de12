using System.Collections.Concurrent;
using System.Threading.Channels;
using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Apps;

namespace Telco.InsightPortal.Web.Apps;

/// <summary>
/// Scores snapshots into the score cache in the background, a batch at a time through the app's deployment, so a
/// page of a large snapshot is read from the store instead of scored. Asked by apps' pages (a snapshot they showed
/// only partly scored) and by <see cref="RowScoreWarmer"/> for bound apps' newest snapshots. One snapshot at a time:
/// scoring is CPU the deployment shares with its real traffic. A batch answered by another version (a canary split
/// routed it there) is not kept; the next pass asks again.
/// </summary>
public sealed class RowScoreFiller(RowScoreStore scores, AppScoring scoring, ILogger<RowScoreFiller> logger) : BackgroundService
{
    public const int BatchSize = 500;

    private readonly Channel<(AppRowSource Source, Snapshot Snapshot)> _queue = Channel.CreateUnbounded<(AppRowSource, Snapshot)>();
    private readonly ConcurrentDictionary<(long Snapshot, string Sha), byte> _pending = new();

    /// <summary>Queues the snapshot for scoring by the source's version, unless it is queued already.</summary>
    public void Request(AppRowSource source, Snapshot snapshot)
    {
        if (_pending.TryAdd((snapshot.Id, source.Version.Sha256), 0)) _queue.Writer.TryWrite((source, snapshot));
    }

    /// <summary>How many snapshots wait or are being scored; for tests and health.</summary>
    public int Pending => _pending.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (source, snapshot) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await FillAsync(source, snapshot, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The deployment stopped or failed meanwhile: the next page view or warm-up pass asks again.
                logger.LogWarning("Scoring snapshot {Snapshot} for deployment {Deployment} stopped: {Message}", snapshot.Id, source.Deployment, e.Message);
            }
            finally
            {
                _pending.TryRemove((snapshot.Id, source.Version.Sha256), out _);
            }
        }
    }

    public async Task FillAsync(AppRowSource source, Snapshot snapshot, CancellationToken ct)
    {
        var misses = 0;
        while (misses < 3)
        {
            var rows = await scores.UnscoredAsync(source.Dataset, snapshot, source.Version.Sha256, BatchSize, ct);
            if (rows.Count == 0) return;
            var reply = await scoring.ExplainAsync(source.Deployment, rows.Select(r => source.Record(r.Values)).ToList(), ct);
            if (reply.ModelVersion != source.VersionLabel || reply.Explanations.Count != rows.Count)
            {
                misses++;
                continue;
            }
            await scores.SaveAsync(source.Dataset.Id, source.Version.Sha256, rows.Select((r, i) => (r.RowId, reply.Explanations[i].Probability)).ToList(), ct);
        }
        throw new AppUnavailableException($"Deployment {source.Deployment} kept answering with another version than {source.VersionLabel}.");
    }
}
