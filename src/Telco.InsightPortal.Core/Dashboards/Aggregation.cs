namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>Median and the P* values are continuous percentiles (interpolated between the two nearest values), as
/// PostgreSQL's percentile_cont computes them.</summary>
public enum Aggregation { Count, CountDistinct, Sum, Avg, Min, Max, Median, P25, P75, P90, P95, P99 }
