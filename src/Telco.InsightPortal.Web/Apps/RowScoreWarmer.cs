using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Datasets;

namespace Telco.InsightPortal.Web.Apps;

/// <summary>
/// Keeps the score cache warm for what business users open first: every few minutes, each bound app's newest
/// snapshot is queued for its deployment's main version, so a new snapshot or a redeploy is scored before anyone
/// waits for it. The first pass waits until the portal serves (scoring goes through its own serving endpoint).
/// </summary>
public sealed class RowScoreWarmer(AppBindingStore bindings, AppRows rows, DatasetStore datasets, RowScoreFiller filler,
    IHostApplicationLifetime lifetime, ILogger<RowScoreWarmer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Could not queue bound apps' snapshots for scoring: {Message}", e.Message);
            }
            await Task.Delay(Interval, stoppingToken);
        }
    }

    public async Task PassAsync(CancellationToken ct)
    {
        foreach (var binding in await bindings.ListAsync(ct))
        {
            if (await rows.SourceAsync(binding.AppId, ct) is not { } source) continue;
            if ((await datasets.SnapshotsAsync(source.Dataset.Id, ct)).MaxBy(s => s.Id) is { } newest) filler.Request(source, newest);
        }
    }
}
