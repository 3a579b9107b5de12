namespace Telco.InsightPortal.Core.Lineage;

/// <summary>
/// What was built on a snapshot: every object downstream of it (appended snapshots that hold its rows, runs, model
/// versions, deployments, apps, charts, dashboards, job runs) and how many predictions each affected deployment logged.
/// <see cref="Truncated"/> says the walk stopped at the node limit and <see cref="DepthLimited"/> that it reached the
/// maximum depth with nodes at that depth: in either case more may depend on the snapshot than is listed.
/// </summary>
public sealed record ImpactReport(
    long SnapshotId, string Dataset, int Depth, bool Truncated, bool DepthLimited, IReadOnlyList<ImpactItem> Items)
{
    /// <summary>The kinds a report lists, in the order it lists them (downstream order).</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        LineageNodeTypes.Snapshot, LineageNodeTypes.Run, LineageNodeTypes.ModelVersion, LineageNodeTypes.Deployment, LineageNodeTypes.App,
        LineageNodeTypes.Chart, LineageNodeTypes.Dashboard, LineageNodeTypes.JobRun,
    ];

    public IEnumerable<ImpactItem> Of(string type) => Items.Where(i => i.Type == type);

    public IReadOnlyList<ImpactItem> Deployments => [.. Of(LineageNodeTypes.Deployment)];

    public long TotalPredictions => Items.Sum(i => i.Predictions ?? 0);
}

/// <summary>One affected object: <see cref="Via"/> is the node (<c>{type}/{id}</c>) it was reached from and
/// <see cref="Kind"/> that edge's kind; <see cref="Predictions"/> is set on deployments only.</summary>
public sealed record ImpactItem(string Type, string Id, string Label, int Distance, string Via, string Kind, long? Predictions);
