using Telco.InsightPortal.Apps;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>
/// The portal boundary with fixed answers: a deployment, snapshots and rows held in memory, paged as the contract
/// says, and a switch that makes serving "unavailable". It records the queries and explain requests it got.
/// </summary>
internal sealed class FakeAppHost : IAppHost
{
    public AppDeployment? Deployment { get; set; } =
        new("cell-tower-failure", "serving", [new AppServedVersion("cell-tower-failure", "1", "run-1", 100)]);

    public IReadOnlyList<AppSnapshot> Snapshots { get; set; } = [new(11, "cell-towers", 2, 7, DateTimeOffset.UnixEpoch)];

    public Dictionary<long, IReadOnlyList<AppScoredRow>> RowsBySnapshot { get; } = new() { [11] = HandWorkedFleet.Rows() };

    /// <summary>How many of a snapshot's rows the background has scored; null: all of them.</summary>
    public long? Scored { get; set; }

    public DateTimeOffset? ScoredAt { get; set; }

    /// <summary>Set: every call that reaches serving throws <see cref="AppUnavailableException"/> with it.</summary>
    public string? Unavailable { get; set; }

    public AppExplanation Explanation { get; set; } = new(0.75, [new("iot_signal_1", 0.4), new("event_type", 0.2), new("iot_signal_3", -0.1)]);

    public List<(long Snapshot, AppRowQuery Query)> Queries { get; } = [];

    public List<IReadOnlyDictionary<string, object?>> Explained { get; } = [];

    public Task<AppDeployment?> DeploymentAsync(string appId, CancellationToken ct = default) => Task.FromResult(Deployment);

    public Task<IReadOnlyList<AppSnapshot>> SnapshotsAsync(string appId, CancellationToken ct = default) => Task.FromResult(Snapshots);

    public Task<AppRowPage> RowsAsync(string appId, long snapshotId, AppRowQuery query, CancellationToken ct = default)
    {
        Queries.Add((snapshotId, query));
        if (Unavailable is not null) throw new AppUnavailableException(Unavailable);
        var rows = RowsBySnapshot[snapshotId];
        var page = rows.Skip(query.Offset).Take(query.Limit).ToList();
        return Task.FromResult(new AppRowPage(rows.Count, rows.Count, Scored ?? rows.Count, page, [], ScoredAt, "cell-tower-failure/1"));
    }

    public Task<IReadOnlyList<AppExplanation>> ExplainAsync(string appId, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows,
        CancellationToken ct = default)
    {
        if (Unavailable is not null) throw new AppUnavailableException(Unavailable);
        Explained.AddRange(rows);
        return Task.FromResult<IReadOnlyList<AppExplanation>>([.. rows.Select(_ => Explanation)]);
    }

    public Task<Stream?> OpenHeldOutPredictionsAsync(string runId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<(double Score, bool Label)>> LabelledPredictionsAsync(string appId, AppServedVersion version, int limit,
        CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<AppInputHint>> InputsAsync(string appId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task SaveDecisionAsync(AppServedVersion version, AppDecision decision, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<AppSavedItem>> SavedAsync(string appId, string kind, CancellationToken ct = default) => throw new NotSupportedException();

    public Task SaveAsync(string appId, string kind, string name, string body, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<bool> DeleteSavedAsync(string appId, string kind, string name, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<bool> CanSeePersonalDataAsync(CancellationToken ct = default) => throw new NotSupportedException();
}
