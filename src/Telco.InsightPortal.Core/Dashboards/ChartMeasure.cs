namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>An aggregate; <see cref="Field"/> is null only for a count of rows.</summary>
public sealed record ChartMeasure(Aggregation Agg, string? Field = null);
