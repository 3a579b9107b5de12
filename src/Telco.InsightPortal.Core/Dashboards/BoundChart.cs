using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// A spec checked against its source's schema: every field resolved to a <see cref="DatasetColumn"/> (so only ordinals
/// go on to the SQL), every filter value typed as the column stores it, and the chart's defaults filled in (a count
/// when no measure is given). Only <see cref="ChartSpecValidator"/> makes one. <see cref="Now"/> is the minute the
/// relative windows were computed from (null when the chart has none): answers are the same only within it.
/// </summary>
public sealed record BoundChart(
    ChartSpec Spec,
    DatasetColumn? X,
    ChartBin? Bin,
    DatasetColumn? Group,
    IReadOnlyList<BoundMeasure> Measures,
    IReadOnlyList<BoundFilter> Filters,
    BoundSort? Sort,
    IReadOnlyList<DatasetColumn> TableColumns,
    BoundCompare? Compare = null,
    DateTimeOffset? Now = null)
{
    public bool IsTable => Spec.Type == ChartType.Table;

    public bool IsKpi => Spec.Type == ChartType.Kpi;

    /// <summary>Every field the chart reads, once each: what a source must provide, and no more.</summary>
    public IReadOnlyList<DatasetColumn> Fields =>
    [
        .. new[] { X, Group, Sort?.Column }.OfType<DatasetColumn>()
            .Concat(Measures.Select(m => m.Column).OfType<DatasetColumn>())
            .Concat(Filters.Select(f => f.Column))
            .Concat(TableColumns)
            .Distinct()
            .OrderBy(c => c.Ordinal),
    ];
}

/// <summary>A KPI's comparison: over the previous snapshot (<see cref="PreviousSnapshot"/>, same filters), or over the
/// same source with <see cref="Filters"/>, the chart's filters with its relative window moved back.</summary>
public sealed record BoundCompare(bool PreviousSnapshot, IReadOnlyList<BoundFilter> Filters);

public sealed record BoundMeasure(Aggregation Agg, DatasetColumn? Column);

/// <summary>Values are long, double, string or <see cref="DateTimeOffset"/> (UTC), matching the column's type. A range's
/// <see cref="Min"/> and <see cref="Max"/> are inclusive; a relative (<see cref="FilterOp.Last"/>) filter's window is
/// [<see cref="Min"/>, <see cref="Max"/>), open-ended when <see cref="Max"/> is null.</summary>
public sealed record BoundFilter(DatasetColumn Column, FilterOp Op, IReadOnlyList<object> Values, object? Min, object? Max);

public enum ChartSortKey { X, Group, Measure, Column }

/// <summary><see cref="Measure"/> is set for <see cref="ChartSortKey.Measure"/>, <see cref="Column"/> for a table's column.</summary>
public sealed record BoundSort(ChartSortKey Key, int Measure, DatasetColumn? Column, bool Desc);
