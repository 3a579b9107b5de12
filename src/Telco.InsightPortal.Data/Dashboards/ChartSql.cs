using System.Globalization;
using System.Text;
using Telco.InsightPortal.Core.Dashboards;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Datasets;
using Telco.InsightPortal.Data.Store;

namespace Telco.InsightPortal.Data.Dashboards;

/// <summary>
/// Compiles a <see cref="BoundChart"/> into one parameterised query over a snapshot's rows, aggregated in the database.
/// Identifiers come only from <see cref="RowTable"/> (integers) and <see cref="ChartSqlFragments"/> (literals); every
/// value (the snapshot range, filter values, bin width, limit) is a parameter, so no text of the spec reaches the SQL.
/// Charts group in an inner query and sort in an outer one, so ORDER BY names plain columns on both dialects.
/// The limit asks for one row more than it returns, to tell a cut answer from a complete one.
/// </summary>
public sealed class ChartSql
{
    private readonly StoreProvider _provider;
    private readonly ChartFrom _from;
    private readonly List<(string Name, object Value)> _parameters = [];
    private readonly List<ChartColumn> _columns = [];

    public ChartSql(RowTable table, BoundChart chart, StoreProvider provider, long rowStart, long rowEnd, int rowCap)
        : this(ChartFrom.Snapshot(table, rowStart, rowEnd), chart, provider, rowCap)
    {
    }

    public ChartSql(ChartFrom from, BoundChart chart, StoreProvider provider, int rowCap)
    {
        _provider = provider;
        _from = from;
        Limit = Math.Min(chart.Spec.Limit ?? rowCap, rowCap);
        foreach (var (name, value) in from.Parameters) Add(name, value);
        var conditions = new List<string>();
        if (from.Where is { } source) conditions.Add(source);
        for (var i = 0; i < chart.Filters.Count; i++) conditions.Add(Filter(chart.Filters[i], i));
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        Text = chart.IsTable ? TableSql(chart, where)
            : chart.IsKpi ? KpiSql(chart, where)
            : GroupedSql(chart, where);
    }

    public string Text { get; }

    /// <summary>The most rows the answer holds; the query asks for one more.</summary>
    public int Limit { get; }

    public IReadOnlyList<(string Name, object Value)> Parameters => _parameters;

    public IReadOnlyList<ChartColumn> Columns => _columns;

    private string TableSql(BoundChart chart, string where)
    {
        foreach (var c in chart.TableColumns) _columns.Add(new ChartColumn(c.Name, ChartColumn.Field, c.Type));
        var columns = string.Join(", ", chart.TableColumns.Select(c => Column(c)));
        var order = chart.Sort is { Column: { } sortBy } sort
            ? $" ORDER BY ({Column(sortBy)} IS NULL), {Column(sortBy)}{Direction(sort.Desc)}, {_from.RowOrder}"
            : " ORDER BY " + _from.RowOrder;
        return "SELECT " + columns + " FROM " + _from.Table + where + order + LimitClause();
    }

    private string KpiSql(BoundChart chart, string where) =>
        "SELECT " + string.Join(", ", Measures(chart)) + Source(chart, where, null);

    /// <summary>The rows a chart aggregates. SQLite has no percentile function, so for a percentile it ranks each
    /// measure's values within the chart's groups first (a window over the filtered rows, nulls last); the measure
    /// then picks and interpolates the ranks it needs (<see cref="ChartSqlFragments.SqlitePercentile"/>).</summary>
    private string Source(BoundChart chart, string where, string? partition)
    {
        var ranked = chart.Measures.Select((m, i) => (m, i)).Where(p => IsPercentile(p.m.Agg)).ToList();
        if (_provider != StoreProvider.Sqlite || ranked.Count == 0) return " FROM " + _from.Table + where;
        var over = partition is null ? "" : "PARTITION BY " + partition + " ";
        var windows = ranked.Select(p =>
        {
            var column = Column(p.m.Column!);
            var i = Number(p.i);
            return $"ROW_NUMBER() OVER ({over}ORDER BY ({column} IS NULL), {column}) AS r{i}, COUNT({column}) OVER ({over.TrimEnd()}) AS n{i}";
        });
        // Only the columns the chart reads, unqualified (the source may be an aliased subquery, which takes no second
        // alias): carrying every column of every row through the window sorts made a box plot 2.5x slower than hand SQL.
        var read = new[] { chart.X, chart.Group }.Concat(chart.Measures.Select(m => m.Column)).OfType<DatasetColumn>().Select(Column).Distinct();
        return " FROM (SELECT " + string.Join(", ", read) + ", " + string.Join(", ", windows) + " FROM " + _from.Table + where + ") w";
    }

    private static bool IsPercentile(Aggregation agg) => ChartVocabulary.Percentiles.ContainsKey(agg);

    private string GroupedSql(BoundChart chart, string where)
    {
        var x = chart.X!;
        var xExpression = XExpression(chart);
        var partition = xExpression;
        var inner = new StringBuilder("SELECT ").Append(xExpression).Append(" AS x");
        _columns.Add(new ChartColumn(x.Name, ChartColumn.X, XType(chart)));
        var groupBy = " GROUP BY 1";
        if (chart.Group is { } group)
        {
            inner.Append(", ").Append(Column(group)).Append(" AS g");
            partition += ", " + Column(group);
            _columns.Add(new ChartColumn(group.Name, ChartColumn.Group, group.Type));
            groupBy += ", 2";
        }
        foreach (var m in Measures(chart)) inner.Append(", ").Append(m);
        inner.Append(Source(chart, where, partition)).Append(groupBy);
        var keys = new List<string>();
        if (chart.Sort is { } sort)
            keys.Add(sort.Key switch
            {
                ChartSortKey.Measure => Key("q.m" + Number(sort.Measure), sort.Desc),
                ChartSortKey.Group => Key("q.g", sort.Desc),
                _ => Key("q.x", sort.Desc),
            });
        // Then x and group ascending, so ties (and unsorted charts) come back in one stable order.
        keys.Add(Key("q.x", false));
        if (chart.Group is not null) keys.Add(Key("q.g", false));
        var outer = chart.Group is null ? "q.x" : "q.x, q.g";
        var measures = string.Join(", ", chart.Measures.Select((_, i) => "q.m" + Number(i)));
        return "SELECT " + outer + ", " + measures + " FROM (" + inner + ") q ORDER BY " + string.Join(", ", keys.Distinct()) + LimitClause();
    }

    private List<string> Measures(BoundChart chart)
    {
        var list = new List<string>();
        for (var i = 0; i < chart.Measures.Count; i++)
        {
            var m = chart.Measures[i];
            var word = ChartVocabulary.Word(ChartVocabulary.Aggregations, m.Agg);
            _columns.Add(new ChartColumn(m.Column is null ? word : $"{word}({m.Column.Name})", ChartColumn.Measure, MeasureType(m)));
            var column = m.Column is null ? null : Column(m.Column);
            var expression = !IsPercentile(m.Agg) ? ChartSqlFragments.Aggregate(m.Agg, column)
                : _provider == StoreProvider.Sqlite ? ChartSqlFragments.SqlitePercentile(m.Agg, column!, Number(i))
                : ChartSqlFragments.PostgresPercentile(m.Agg, column!);
            list.Add(expression + " AS m" + Number(i));
        }
        return list;
    }

    private string XExpression(BoundChart chart)
    {
        var column = Column(chart.X!);
        if (chart.Bin?.Width is { } width)
        {
            Add("@w", width);
            return string.Format(CultureInfo.InvariantCulture, ChartSqlFragments.NumericBin, column);
        }
        return chart.Bin?.Unit is { } unit
            ? string.Format(CultureInfo.InvariantCulture, ChartSqlFragments.TimeBin(_provider, unit), column)
            : column;
    }

    private static ColumnType XType(BoundChart chart) => chart.Bin?.Width is not null ? ColumnType.Real : chart.X!.Type;

    private static ColumnType MeasureType(BoundMeasure m) => m.Agg switch
    {
        Aggregation.Count or Aggregation.CountDistinct => ColumnType.Integer,
        Aggregation.Avg => ColumnType.Real,
        _ when IsPercentile(m.Agg) => ColumnType.Real,
        _ => m.Column!.Type,
    };

    private string Filter(BoundFilter f, int index)
    {
        var column = Column(f.Column);
        var prefix = "@f" + Number(index);
        switch (f.Op)
        {
            case FilterOp.Eq:
                return column + " = " + Add(prefix, f.Values[0]);
            case FilterOp.In:
                var names = f.Values.Select((v, j) => Add(prefix + "_" + Number(j), v));
                return column + " IN (" + string.Join(", ", names) + ")";
            case FilterOp.Range:
                var parts = new List<string>();
                if (f.Min is not null) parts.Add(column + " >= " + Add(prefix + "_min", f.Min));
                if (f.Max is not null) parts.Add(column + " <= " + Add(prefix + "_max", f.Max));
                return string.Join(" AND ", parts);
            case FilterOp.Last:
                // The window is [Min, Max): the cut-off computed by the validator from its clock, never the database's now.
                var window = column + " >= " + Add(prefix + "_min", f.Min!);
                return f.Max is null ? window : window + " AND " + column + " < " + Add(prefix + "_max", f.Max);
            case FilterOp.Null:
                return column + " IS NULL";
            default:
                return column + " IS NOT NULL";
        }
    }

    private string LimitClause()
    {
        Add("@limit", (long)Limit + 1);
        return " LIMIT @limit";
    }

    /// <summary>Nulls last in either direction on both dialects (they disagree on the default).</summary>
    private static string Key(string column, bool desc) => $"({column} IS NULL), {column}{Direction(desc)}";

    private static string Direction(bool desc) => desc ? " DESC" : " ASC";

    private static string Column(DatasetColumn c) => RowTable.ColumnName(c.Ordinal);

    private static string Number(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Timestamps travel as each store keeps them: ISO text on SQLite (so text comparison orders them), a UTC
    /// DateTime for PostgreSQL's timestamptz.</summary>
    private string Add(string name, object value)
    {
        _parameters.Add((name, value is DateTimeOffset t
            ? _provider == StoreProvider.Sqlite ? RowSink.SqliteTimestamp(t) : t.UtcDateTime
            : value));
        return name;
    }
}
