using System.Globalization;
using Telco.InsightPortal.Core.Data;

namespace Telco.InsightPortal.Core.Dashboards;

/// <summary>
/// Checks a spec against the schema of its source, with no I/O: fields exist (by exact, case-sensitive name),
/// aggregations and bins fit the column's type, range filters are on numbers or timestamps, the chart type has what it
/// needs, and columns flagged <see cref="DatasetColumn.Pii"/> are refused anywhere in the spec for a caller without the
/// PII permission (and left out of a table's columns). Every refusal is a <see cref="ChartSpecException"/> naming the path.
/// </summary>
public static class ChartSpecValidator
{
    private static readonly BoundMeasure RowCount = new(Aggregation.Count, null);

    public static BoundChart Validate(ChartSpec spec, DatasetSchema schema, bool canSeePii) =>
        Validate(spec, schema, canSeePii, TimeProvider.System);

    /// <summary>Relative filters and comparisons are windows back from <paramref name="clock"/>'s now (see <see cref="ChartPeriod"/>).</summary>
    public static BoundChart Validate(ChartSpec spec, DatasetSchema schema, bool canSeePii, TimeProvider clock)
    {
        var v = new Scope(schema, canSeePii, ChartPeriod.Minute(clock.GetUtcNow()));
        var filters = spec.Filters.Select((f, i) => v.Filter(f, $"filters[{i}]")).ToList();
        if (spec.Compare is not null && spec.Type != ChartType.Kpi)
            throw new ChartSpecException("compare", "only a KPI compares with an earlier period.");
        var chart = spec.Type switch
        {
            ChartType.Table => Table(spec, v, filters),
            ChartType.Kpi => Kpi(spec, v, filters),
            _ => Aggregated(spec, v, filters),
        };
        return filters.Any(f => f.Op == FilterOp.Last) ? chart with { Now = v.Now } : chart;
    }

    private static BoundChart Table(ChartSpec spec, Scope v, List<BoundFilter> filters)
    {
        if (spec.X is not null) throw new ChartSpecException("x", "a table shows rows; it takes no x.");
        if (spec.Group is not null) throw new ChartSpecException("group", "a table shows rows; it takes no group.");
        if (spec.Measures.Count > 0) throw new ChartSpecException("measures", "a table shows rows; it takes no measures.");
        BoundSort? sort = null;
        if (spec.Sort is { } s)
        {
            if (s.Field is null) throw new ChartSpecException("sort.by", "a table sorts by a field.");
            sort = new BoundSort(ChartSortKey.Column, 0, v.Column(s.Field, "sort.by"), s.Desc);
        }
        var columns = v.Schema.Columns.Where(c => v.CanSeePii || !c.Pii).ToList();
        return new BoundChart(spec, null, null, null, [], filters, sort, columns);
    }

    private static BoundChart Kpi(ChartSpec spec, Scope v, List<BoundFilter> filters)
    {
        if (spec.X is not null) throw new ChartSpecException("x", "a KPI is one number over all rows; it takes no x.");
        if (spec.Group is not null) throw new ChartSpecException("group", "a KPI is one number over all rows; it takes no group.");
        if (spec.Sort is not null) throw new ChartSpecException("sort", "a KPI has nothing to sort.");
        var measures = v.Measures(spec);
        return new BoundChart(spec, null, null, null, measures, filters, null, [], Compare(spec, v, filters));
    }

    private static BoundCompare? Compare(ChartSpec spec, Scope v, List<BoundFilter> filters)
    {
        switch (spec.Compare)
        {
            case null:
                return null;
            case { PreviousSnapshot: true }:
                if (!spec.Source.IsSnapshot)
                    throw new ChartSpecException("compare", $"\"{ChartCompare.PreviousSnapshotWord}\" compares snapshots; this source has none.");
                return new BoundCompare(true, filters);
            case { Previous: { } count, Unit: { } unit }:
                if (filters.Count(f => f.Op == FilterOp.Last) != 1)
                    throw new ChartSpecException("compare", "a comparison with an earlier period needs exactly one relative filter (op \"last\").");
                var moved = filters.Select(f => f.Op != FilterOp.Last ? f
                    : f with { Min = ChartPeriod.Back((DateTimeOffset)f.Min!, count, unit), Max = ChartPeriod.Back(v.Now, count, unit) });
                return new BoundCompare(false, [.. moved]);
            default:
                throw new ChartSpecException("compare", "a comparison needs \"previous\" and \"unit\".");
        }
    }

    private static BoundChart Aggregated(ChartSpec spec, Scope v, List<BoundFilter> filters)
    {
        if (spec.X is null) throw new ChartSpecException("x", $"a {ChartVocabulary.Word(ChartVocabulary.Types, spec.Type)} chart needs an x field.");
        var x = v.Column(spec.X.Field, "x.field");
        var bin = spec.X.Bin;
        if (bin?.Width is not null && x.Type is not (ColumnType.Integer or ColumnType.Real))
            throw new ChartSpecException("x.bin.width", $"'{x.Name}' is not a number; bin a number by width.");
        if (bin?.Unit is not null && x.Type != ColumnType.Timestamp)
            throw new ChartSpecException("x.bin.unit", $"'{x.Name}' is not a timestamp; bin a timestamp by unit.");
        var group = spec.Group is null ? null : v.Column(spec.Group, "group");
        var measures = spec.Type == ChartType.Box ? BoxMeasures(spec, v) : v.Measures(spec);
        switch (spec.Type)
        {
            case ChartType.Histogram:
                if (bin?.Width is null) throw new ChartSpecException("x.bin", "a histogram bins a number: give x.bin.width.");
                if (measures is not [{ Agg: Aggregation.Count, Column: null }]) throw new ChartSpecException("measures", "a histogram counts rows; give no measure or one count.");
                break;
            case ChartType.Pie or ChartType.Donut:
                if (group is not null) throw new ChartSpecException("group", "a pie has slices only; it takes no group.");
                if (measures.Count != 1) throw new ChartSpecException("measures", "a pie takes exactly one measure.");
                break;
            case ChartType.Heatmap:
                if (group is null) throw new ChartSpecException("group", "a heatmap needs a group (its second axis).");
                if (measures.Count != 1) throw new ChartSpecException("measures", "a heatmap takes exactly one measure.");
                break;
        }
        BoundSort? sort = null;
        if (spec.Sort is { } s)
        {
            if (s.X) sort = new BoundSort(ChartSortKey.X, 0, null, s.Desc);
            else if (s.Measure is { } index)
                sort = index < measures.Count
                    ? new BoundSort(ChartSortKey.Measure, index, null, s.Desc)
                    : throw new ChartSpecException("sort.by", $"there is no measure {index}; the chart has {measures.Count}.");
            else
            {
                var column = v.Column(s.Field!, "sort.by");
                sort = column == x ? new BoundSort(ChartSortKey.X, 0, null, s.Desc)
                    : column == group ? new BoundSort(ChartSortKey.Group, 0, null, s.Desc)
                    : throw new ChartSpecException("sort.by", $"'{column.Name}' is not on the chart; sort by x, the group field or a measure index.");
            }
        }
        return new BoundChart(spec, x, bin, group, measures, filters, sort, []);
    }

    /// <summary>A box plot draws one number field's five-number summary per x (and group): it takes one measure and
    /// answers its field's min, p25, median, p75 and max, whatever aggregation the measure names.</summary>
    private static List<BoundMeasure> BoxMeasures(ChartSpec spec, Scope v)
    {
        if (spec.Measures is not [{ Field: { } field }])
            throw new ChartSpecException("measures", "a box plot takes exactly one measure with a number field.");
        var column = v.Column(field, "measures[0].field");
        if (column.Type is not (ColumnType.Integer or ColumnType.Real))
            throw new ChartSpecException("measures[0].field", $"'{column.Name}' is not a number; a box plot summarises numbers.");
        return [.. new[] { Aggregation.Min, Aggregation.P25, Aggregation.Median, Aggregation.P75, Aggregation.Max }.Select(a => new BoundMeasure(a, column))];
    }

    private sealed class Scope(DatasetSchema schema, bool canSeePii, DateTimeOffset now)
    {
        public DatasetSchema Schema => schema;

        public DateTimeOffset Now => now;

        public bool CanSeePii => canSeePii;

        public DatasetColumn Column(string name, string path)
        {
            // Exact names only: the schema's own Find ignores case, which would let two spellings share a cache entry.
            var column = schema.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
                ?? throw new ChartSpecException(path, $"the source has no field '{Shorten(name)}'.");
            if (column.Pii && !canSeePii)
                throw new ChartSpecException(path, $"the field '{column.Name}' is personal data (PII); it needs the PII permission.");
            return column;
        }

        public List<BoundMeasure> Measures(ChartSpec spec)
        {
            if (spec.Measures.Count == 0) return [RowCount];
            return spec.Measures.Select((m, i) => Measure(m, $"measures[{i}]")).ToList();
        }

        private BoundMeasure Measure(ChartMeasure m, string path)
        {
            if (m.Field is null) return RowCount;
            var column = Column(m.Field, path + ".field");
            var numeric = column.Type is ColumnType.Integer or ColumnType.Real;
            var fits = m.Agg switch
            {
                Aggregation.Count or Aggregation.CountDistinct => true,
                Aggregation.Min or Aggregation.Max => numeric || column.Type == ColumnType.Timestamp,
                // Sum, average and the percentiles.
                _ => numeric,
            };
            if (!fits)
                throw new ChartSpecException(path + ".agg",
                    $"{ChartVocabulary.Word(ChartVocabulary.Aggregations, m.Agg)} does not apply to '{column.Name}', a {column.Type.ToString().ToLowerInvariant()} field.");
            return new BoundMeasure(m.Agg, column);
        }

        public BoundFilter Filter(ChartFilter f, string path)
        {
            var column = Column(f.Field, path + ".field");
            switch (f.Op)
            {
                case FilterOp.Eq:
                    return new BoundFilter(column, f.Op, [Typed(column, f.Value, path + ".value")], null, null);
                case FilterOp.In:
                    var values = (f.Values ?? []).Select((value, i) => Typed(column, value, $"{path}.values[{i}]")).ToList();
                    if (values.Count == 0) throw new ChartSpecException(path + ".values", "at least one value is required.");
                    return new BoundFilter(column, f.Op, values, null, null);
                case FilterOp.Range:
                    if (column.Type == ColumnType.Text)
                        throw new ChartSpecException(path + ".op", $"'{column.Name}' is text; a range needs a number or a timestamp.");
                    var min = f.Min is null ? null : Typed(column, f.Min, path + ".min");
                    var max = f.Max is null ? null : Typed(column, f.Max, path + ".max");
                    if (min is null && max is null) throw new ChartSpecException(path, "a range needs \"min\", \"max\" or both.");
                    return new BoundFilter(column, f.Op, [], min, max);
                case FilterOp.Last:
                    if (column.Type != ColumnType.Timestamp)
                        throw new ChartSpecException(path + ".op", $"'{column.Name}' is not a timestamp; \"last\" keeps recent rows by time.");
                    if (f is not { Value: long count and >= 1 and <= ChartPeriod.MaxCount, Unit: { } unit })
                        throw new ChartSpecException(path + ".value", $"a count from 1 to {ChartPeriod.MaxCount} and a unit are expected.");
                    return new BoundFilter(column, f.Op, [], ChartPeriod.Back(now, count, unit), null);
                default:
                    return new BoundFilter(column, f.Op, [], null, null);
            }
        }

        /// <summary>A value as the column stores it, so the database compares like with like on both dialects.</summary>
        private static object Typed(DatasetColumn column, object? value, string path)
        {
            switch (column.Type, value)
            {
                case (_, null):
                    throw new ChartSpecException(path, "a value is required; filter on missing values with op \"null\".");
                case (ColumnType.Integer, long l): return l;
                case (ColumnType.Integer, double d) when d == Math.Floor(d) && Math.Abs(d) < 9e15: return (long)d;
                case (ColumnType.Integer or ColumnType.Real, double d): return d;
                case (ColumnType.Real, long l): return (double)l;
                case (ColumnType.Integer, string s) when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l): return l;
                case (ColumnType.Integer or ColumnType.Real, string s) when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d): return d;
                case (ColumnType.Integer or ColumnType.Real, _):
                    throw new ChartSpecException(path, $"'{column.Name}' is a number; '{Shorten(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")}' is not.");
                case (ColumnType.Timestamp, string s) when s.Length >= 10 && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t):
                    return t.ToUniversalTime();
                case (ColumnType.Timestamp, _):
                    throw new ChartSpecException(path, $"'{column.Name}' is a timestamp; give an ISO 8601 date and time.");
                case (_, string s): return s;
                default: return Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }
        }
    }

    private static string Shorten(string text) => Parsing.ParseException.Excerpt(text.Length <= 40 ? text : text[..40] + "…", 0);
}
