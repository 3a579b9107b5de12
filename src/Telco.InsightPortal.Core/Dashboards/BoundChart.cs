using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// A spec checked against its source's schema: every field resolved to a <see cref="DatasetColumn"/> (so only ordinals
/// go on to the SQL), every filter value typed as the column stores it, and the chart's defaults filled in (a count
/// when no measure is given). Only <see cref="ChartSpecValidator"/> makes one.
/// </summary>
public sealed record BoundChart(
    ChartSpec Spec,
    DatasetColumn? X,
    ChartBin? Bin,
    DatasetColumn? Group,
    IReadOnlyList<BoundMeasure> Measures,
    IReadOnlyList<BoundFilter> Filters,
    BoundSort? Sort,
    IReadOnlyList<DatasetColumn> TableColumns)
{
    public bool IsTable => Spec.Type == ChartType.Table;

    public bool IsKpi => Spec.Type == ChartType.Kpi;
}

public sealed record BoundMeasure(Aggregation Agg, DatasetColumn? Column);

/// <summary>Values are long, double, string or <see cref="DateTimeOffset"/> (UTC), matching the column's type.</summary>
public sealed record BoundFilter(DatasetColumn Column, FilterOp Op, IReadOnlyList<object> Values, object? Min, object? Max);

public enum ChartSortKey { X, Group, Measure, Column }

/// <summary><see cref="Measure"/> is set for <see cref="ChartSortKey.Measure"/>, <see cref="Column"/> for a table's column.</summary>
public sealed record BoundSort(ChartSortKey Key, int Measure, DatasetColumn? Column, bool Desc);
