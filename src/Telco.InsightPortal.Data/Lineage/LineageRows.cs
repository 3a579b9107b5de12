namespace Telco.InsightPortal.Data.Lineage;

/// <summary>A node the walk reached, with one edge that leads on from it (none for a node at the walk's edge).
/// Integers are long: SQLite returns Int64.</summary>
internal sealed record WalkRow
{
    public string Type { get; init; } = "";
    public string Id { get; init; } = "";
    public long Depth { get; init; }
    public string? FromType { get; init; }
    public string? FromId { get; init; }
    public string? ToType { get; init; }
    public string? ToId { get; init; }
    public string? Kind { get; init; }
    public long? At { get; init; }
    public string? Actor { get; init; }
}

// Properties, not a positional record: SQLite types an expression column by its value, so an empty answer's columns
// would not match a constructor.
internal sealed record LabelRow
{
    public string Id { get; init; } = "";
    public string Label { get; init; } = "";
}

internal sealed record PredictionRow
{
    public long DeploymentId { get; init; }
    public string Deployment { get; init; } = "";
    public string ModelVersion { get; init; } = "";
    public long CreatedAt { get; init; }
    public double Probability { get; init; }
    public long Label { get; init; }
    public long? Generation { get; init; }
}

internal sealed record PredictionCount
{
    public string Deployment { get; init; } = "";
    public long Count { get; init; }
}

internal sealed record RecentRow
{
    public string Type { get; init; } = "";
    public string Id { get; init; } = "";
    public long At { get; init; }
}
