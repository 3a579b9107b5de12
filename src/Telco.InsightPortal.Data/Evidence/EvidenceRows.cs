namespace Telco.InsightPortal.Data.Evidence;

// Rows as the store returns them: integers as long (SQLite hands Dapper Int64), times as the tables keep them
// (epoch milliseconds in the registry, tracking, serving and monitoring tables). Columns, snapshots, decisions and alerts
// are read into the records (and with the queries, where they fit) their own stores use.

internal sealed record VersionRow
{
    public long ModelId { get; init; }
    public string Name { get; init; } = "";
    public string ModelDescription { get; init; } = "";
    public long Version { get; init; }
    public string Source { get; init; } = "";
    public string RunId { get; init; } = "";
    public string ModelSha256 { get; init; } = "";
    public string? Dataset { get; init; }
    public long? SnapshotId { get; init; }
    public string Stage { get; init; } = "";
    public string Description { get; init; } = "";
    public string Status { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public long CreationTime { get; init; }
}

internal sealed record VersionListRow
{
    public long Version { get; init; }
    public string Stage { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public long CreationTime { get; init; }
    public string RunId { get; init; } = "";
    public string ModelSha256 { get; init; } = "";
}

internal sealed record KeyValueRow
{
    public string Key { get; init; } = "";
    public string Value { get; init; } = "";
}

internal sealed record ApprovalRow
{
    public long Id { get; init; }
    public string TargetKind { get; init; } = "";
    public string Target { get; init; } = "";
    public string RequestedBy { get; init; } = "";
    public long RequestedAt { get; init; }
    public string RequestComment { get; init; } = "";
    public string Status { get; init; } = "";
    public string? DecidedBy { get; init; }
    public long? DecidedAt { get; init; }
    public string? DecisionComment { get; init; }
}

internal sealed record RunRow
{
    public string RunId { get; init; } = "";
    public string RunName { get; init; } = "";
    public string Experiment { get; init; } = "";
    public string UserId { get; init; } = "";
    public string Status { get; init; } = "";
    public long StartTime { get; init; }
    public long? EndTime { get; init; }
}

internal sealed record MetricRow
{
    public string Key { get; init; } = "";
    public double? Value { get; init; }
    public long Step { get; init; }
}

internal sealed record DatasetRow
{
    public long Id { get; init; }
    public string? Description { get; init; }
}

internal sealed record DeploymentRow
{
    public string Name { get; init; } = "";
    public string Status { get; init; } = "";
    public long CurrentGeneration { get; init; }
    public long Generation { get; init; }
    public long Weight { get; init; }
    public long CreatedAt { get; init; }
}

