using Telco.InsightPortal.Apps;

namespace Telco.Apps.CellTowerMonitor;

/// <summary>
/// Reads a snapshot's scored events page by page (the host serves at most <see cref="AppRowQuery.MaxLimit"/> a call)
/// up to a cap, so a huge snapshot cannot hold a circuit's memory or the deployment for minutes.
/// </summary>
public static class FleetReader
{
    /// <summary>Enough events for every tower's mean to settle (the demo fleet has 48 towers); said on the page when reached.</summary>
    public const int DefaultCap = 50_000;

    /// <param name="onPage">Called after each page with the rows read so far and the snapshot's total, for a progress bar.</param>
    public static async Task<FleetRead> ReadAsync(IAppHost host, string appId, long snapshotId, int cap, Func<int, long, Task> onPage,
        CancellationToken ct = default)
    {
        var rows = new List<AppScoredRow>();
        AppRowPage? last = null;
        DateTimeOffset? scoredAt = null;
        while (rows.Count < cap)
        {
            var query = new AppRowQuery { Offset = rows.Count, Limit = Math.Min(AppRowQuery.MaxLimit, cap - rows.Count) };
            var page = await host.RowsAsync(appId, snapshotId, query, ct);
            last = page;
            rows.AddRange(page.Rows);
            // Each page reports its own oldest cached score; the oldest of all is what the whole picture is as fresh as.
            if (page.ScoredAt is { } at && (scoredAt is null || at < scoredAt)) scoredAt = at;
            await onPage(rows.Count, page.Total);
            if (page.Rows.Count == 0 || rows.Count >= page.Total) break;
        }
        var total = last?.Total ?? 0;
        return new FleetRead(rows, total, rows.Count >= cap && total > rows.Count, last?.Scored ?? 0, last?.SnapshotRows ?? 0, scoredAt);
    }
}
