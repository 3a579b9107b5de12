namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>The x field, binned by a width (numbers) or a time unit (timestamps) when <see cref="Bin"/> is set.</summary>
public sealed record ChartX(string Field, ChartBin? Bin = null);

/// <summary>Exactly one of <see cref="Width"/> and <see cref="Unit"/> is set.</summary>
public sealed record ChartBin(double? Width, TimeUnit? Unit);
