using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Data.Dashboards;

namespace Telco.InsightPortal.Web.Dashboards;

/// <summary>
/// Keeps saved dashboards' snapshot charts in the chart cache: every minute, each chart over a snapshot source is run
/// with its dashboard's filters (as a viewer first sees it), for callers with and without personal data, so a new batch
/// is aggregated before anyone opens the dashboard — at 1M rows a chart takes seconds, a cached one well under 1 ms.
/// Answers over immutable snapshots only: the prediction log and run sources are never cached, so they are skipped.
/// It writes nothing to the store.
/// </summary>
public sealed class DashboardWarmer(DashboardStore store, ChartQueryService charts, DashboardSourceFields fields,
    IHostApplicationLifetime lifetime, ILogger<DashboardWarmer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

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
                logger.LogWarning("Could not warm the dashboards' charts: {Message}", e.Message);
            }
            await Task.Delay(Interval, stoppingToken);
        }
    }

    /// <summary>One pass; returns how many chart answers it asked for (cache hits included).</summary>
    public async Task<int> PassAsync(CancellationToken ct)
    {
        var asked = 0;
        foreach (var dashboard in await store.ListAsync(ct))
        {
            if (await store.GetAsync(dashboard.Id, ct) is not { } found) continue;
            var document = DashboardDocumentParser.ParseDocument(found.Dashboard.Body);
            foreach (var chart in document.Charts)
            {
                var spec = ChartSpecParser.Parse(chart.Spec);
                if (!spec.Source.IsSnapshot) continue;
                spec = DashboardFilters.Apply(spec, await fields.FieldsAsync(spec.Source, ct), document.Filters.Select(DashboardFilters.Piece));
                foreach (var pii in new[] { false, true })
                {
                    try
                    {
                        await charts.RunAsync(spec, pii, ct);
                        asked++;
                    }
                    catch (Core.Errors.PortalException)
                    {
                        // A chart the dashboard shows as an error (source gone, field hidden without PII) warms nothing.
                    }
                }
            }
        }
        return asked;
    }
}
