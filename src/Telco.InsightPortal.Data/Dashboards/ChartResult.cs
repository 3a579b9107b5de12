using System.Text.Json.Serialization;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>A chart's rows, one value per <see cref="Columns"/> entry, over the snapshot it resolved to (null for a
/// prediction-log or runs source).
/// <see cref="Truncated"/> says more rows matched than the limit (or the row cap) let through.</summary>
public sealed record ChartResult(long? SnapshotId, IReadOnlyList<ChartColumn> Columns, IReadOnlyList<object?[]> Rows, bool Truncated)
{
    /// <summary>The SQL that made the rows, for tests and logs; never sent to users, who must not learn table names.</summary>
    [JsonIgnore]
    public string? Sql { get; init; }
}
