using Telco.InsightPortal.Data.Datasets;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>
/// What a chart query reads: a table or a parenthesised, aliased subquery whose columns are named as a row table's
/// (<c>c{ordinal}</c>, from <see cref="RowTable.ColumnName"/>), the condition that picks the source's rows (or null),
/// the columns that order a table chart's rows stably, and the parameters the text uses (named <c>@s_…</c>, apart from
/// a snapshot's <c>@from</c>/<c>@to</c>). Made only from fragments and integers, never from a spec's text.
/// </summary>
public sealed record ChartFrom(string Table, string? Where, string RowOrder, IReadOnlyList<(string Name, object Value)> Parameters)
{
    public static ChartFrom Snapshot(RowTable table, long rowStart, long rowEnd) =>
        new(table.Name, ChartSqlFragments.SnapshotRange, ChartSqlFragments.RowId, [("@from", rowStart), ("@to", rowEnd)]);
}
