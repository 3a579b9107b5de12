namespace Telco.InsightPortal.Data.Lineage;

// Properties, not positional records: SQLite types an expression column by its value (see LineageRows). Integers are long.

internal sealed record ChainFindRow
{
    public long DeploymentId { get; init; }
    public string Deployment { get; init; } = "";
    public long CurrentGeneration { get; init; }
    public string CreatedBy { get; init; } = "";
    public long CreatedAt { get; init; }
    public string ModelVersion { get; init; } = "";
    public long At { get; init; }
    public double Probability { get; init; }
    public long Label { get; init; }
    public double LatencyMs { get; init; }
    public long? TrueLabel { get; init; }
    public long? Generation { get; init; }
}

internal sealed record ChainTargetRow
{
    public long Generation { get; init; }
    public string Model { get; init; } = "";
    public string Version { get; init; } = "";
    public string RunId { get; init; } = "";
    public long? SnapshotId { get; init; }
    public long Weight { get; init; }
}

internal sealed record ChainGenerationRow
{
    public string Action { get; init; } = "";
    public string Actor { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public string? Details { get; init; }
}

internal sealed record ChainVersionRow
{
    public long ModelId { get; init; }
    public string Model { get; init; } = "";
    public long Version { get; init; }
    public string Stage { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public long CreatedAt { get; init; }
    public string ModelSha256 { get; init; } = "";
    public string RunId { get; init; } = "";
    public long? SnapshotId { get; init; }
}

internal sealed record ChainApprovalRow
{
    public long Id { get; init; }
    public string TargetKind { get; init; } = "";
    public string Target { get; init; } = "";
    public string Status { get; init; } = "";
    public string RequestedBy { get; init; } = "";
    public long RequestedAt { get; init; }
    public string RequestComment { get; init; } = "";
    public string? DecidedBy { get; init; }
    public long? DecidedAt { get; init; }
    public string? DecisionComment { get; init; }
}

internal sealed record ChainRunRow
{
    public string RunId { get; init; } = "";
    public string Name { get; init; } = "";
    public long ExperimentId { get; init; }
    public string Experiment { get; init; } = "";
    public string StartedBy { get; init; } = "";
    public string Status { get; init; } = "";
    public long StartTime { get; init; }
    public long? EndTime { get; init; }
    public string? Trainer { get; init; }
}

internal sealed record ChainMetricRow
{
    public string Key { get; init; } = "";
    public double? Value { get; init; }
}

internal sealed record ChainSnapshotRow
{
    public long Id { get; init; }
    public string Dataset { get; init; } = "";
    public string Operation { get; init; } = "";
    public long RowsAdded { get; init; }
    public long TotalRows { get; init; }
    public string CommittedBy { get; init; } = "";
    public DateTimeOffset CommittedAt { get; init; }
    public string ContentHash { get; init; } = "";
    public string? FileId { get; init; }
    public string? FileName { get; init; }
    public long? SizeBytes { get; init; }
    public string? Sha256 { get; init; }
    public long? FirstSeenAt { get; init; }
}
