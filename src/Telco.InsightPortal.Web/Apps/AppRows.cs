using Telco.InsightPortal.Apps;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Apps;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Data.Registry;
using Telco.InsightPortal.Data.Tracking;

namespace Telco.InsightPortal.Web.Apps;

/// <summary>
/// Snapshot rows with the served version's scores for apps: pages come from the store (filtered, sorted and counted
/// there); rows of a page not scored yet are scored through the deployment for that answer only — reading never
/// writes — and the <see cref="RowScoreFiller"/> is asked to score the snapshot into the cache in the background.
/// </summary>
public sealed class AppRows(AppBindingStore bindings, DeploymentStore deployments, RegistryStore registry, DatasetStore datasets,
    RowScoreStore scores, AppScoring scoring, RowScoreFiller filler)
{
    public async Task<AppRowSource?> SourceAsync(string appId, CancellationToken ct)
    {
        if (await bindings.GetAsync(appId, ct) is not { } binding) return null;
        if (await deployments.GetStateAsync(binding.Deployment, ct) is not { Targets.Count: > 0 } state) return null;
        var main = state.Targets.OrderByDescending(t => t.Weight).First();
        string? datasetName;
        try
        {
            datasetName = (await registry.GetVersionAsync(main.Model, RegistryStore.ParseVersion(main.Version), ct)).Dataset;
        }
        catch (TrackingException)
        {
            return null; // The version was deleted from the registry after it was deployed: nothing says what it was trained on.
        }
        return datasetName is not null && await datasets.GetAsync(datasetName, ct) is { } dataset ? new AppRowSource(state.Deployment.Name, main, dataset) : null;
    }

    public async Task<IReadOnlyList<AppSnapshot>> SnapshotsAsync(string appId, CancellationToken ct)
    {
        if (await SourceAsync(appId, ct) is not { } source) return [];
        var snapshots = await datasets.SnapshotsAsync(source.Dataset.Id, ct);
        // Versions number snapshots in commit order, oldest 1, whatever order the store lists them in.
        var numbered = snapshots.OrderBy(s => s.Id).Select((s, i) => new AppSnapshot(s.Id, source.Dataset.Name, i + 1, s.TotalRows, s.CommittedAt));
        return numbered.OrderByDescending(s => s.Id).ToList();
    }

    public async Task<AppRowPage> PageAsync(string appId, long snapshotId, AppRowQuery query, CancellationToken ct)
    {
        if (query.Limit is < 1 or > AppRowQuery.MaxLimit) throw new ArgumentException($"A page holds 1 to {AppRowQuery.MaxLimit} rows.", nameof(query));
        var source = await SourceAsync(appId, ct) ?? throw new AppUnavailableException("This app is not bound to a deployment that serves a registered model version.");
        var snapshot = await datasets.SnapshotAsync(source.Dataset.Id, snapshotId, ct)
                       ?? throw new ArgumentException($"Snapshot {snapshotId} is not a snapshot of {source.Dataset.Name}.", nameof(snapshotId));
        var page = await scores.PageAsync(source.Dataset, snapshot, source.Version.Sha256, ToStore(query), ct);
        if (page.Scored < snapshot.TotalRows) filler.Request(source, snapshot);
        var fresh = await ScoreMissingAsync(source, page.Rows, ct);
        var rows = page.Rows.Select(r => new AppScoredRow(r.RowId, source.Record(r.Values), r.Probability ?? fresh[r.RowId])).ToList();
        var cachedAt = page.Rows.Where(r => r.ScoredAt is not null).Select(r => r.ScoredAt!.Value).DefaultIfEmpty().Min();
        return new AppRowPage(page.Total, snapshot.TotalRows, page.Scored, rows, page.BandCounts,
            cachedAt == default ? null : cachedAt, $"{source.Version.Model} v{source.Version.Version}");
    }

    /// <summary>Scores the page's rows that the cache lacks, in one call; kept only for this answer.</summary>
    private async Task<Dictionary<long, double>> ScoreMissingAsync(AppRowSource source, IReadOnlyList<ScoredRow> rows, CancellationToken ct)
    {
        var missing = rows.Where(r => r.Probability is null).ToList();
        if (missing.Count == 0) return [];
        var reply = await scoring.ExplainAsync(source.Deployment, missing.Select(r => source.Record(r.Values)).ToList(), ct);
        return missing.Select((r, i) => (r.RowId, reply.Explanations[i].Probability)).ToDictionary(p => p.RowId, p => p.Probability);
    }

    private static RowScoreQuery ToStore(AppRowQuery query) => new()
    {
        In = query.In, Range = query.Range, MinProbability = query.MinProbability, MaxProbability = query.MaxProbability, RowId = query.RowId,
        SortBy = query.SortBy == AppRowQuery.ProbabilitySort ? null : query.SortBy, SortByProbability = query.SortBy == AppRowQuery.ProbabilitySort,
        Descending = query.Descending, Offset = query.Offset, Limit = query.Limit, Bands = query.Bands,
    };
}
