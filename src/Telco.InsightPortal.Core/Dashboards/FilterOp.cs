namespace Telco.InsightPortal.Core.Dashboards;

/// <summary><see cref="Last"/> keeps the rows whose timestamp is at or after a cut-off relative to now (see
/// <see cref="ChartPeriod"/>).</summary>
public enum FilterOp { Eq, In, Range, Null, NotNull, Last }
