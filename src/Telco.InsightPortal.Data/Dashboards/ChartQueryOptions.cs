namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>Bounds on every chart query: the rows one answer may hold, how long the database may work on it, and how
/// many answers are kept in memory.</summary>
public sealed record ChartQueryOptions
{
    public int RowCap { get; init; } = 10_000;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public int CacheEntries { get; init; } = 256;
}
