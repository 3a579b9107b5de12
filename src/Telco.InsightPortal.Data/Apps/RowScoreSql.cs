using System.Globalization;
using System.Text;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Core.Errors;
using Telco.InsightPortal.Data.Datasets;

namespace Telco.InsightPortal.Data.Apps;

/// <summary>
/// Compiles a <see cref="RowScoreQuery"/> over a dataset's row table joined to <c>row_scores</c>. Every identifier
/// comes from <see cref="RowTable"/> (integers only) after the name was found in the schema; every value is a
/// parameter, so no text of the query reaches the SQL. Unknown columns and ranges on text columns are refused.
/// </summary>
public sealed class RowScoreSql
{
    public const int MaxValuesPerFilter = 64;
    public const int MaxFilters = 16;
    public const int MaxBands = 8;

    private readonly RowTable _table;
    private readonly StringBuilder _where = new();
    private readonly List<(string Name, object Value)> _parameters = [];

    public RowScoreSql(RowTable table, long datasetId, string modelSha, long rowStart, long rowEnd, RowScoreQuery query)
    {
        _table = table;
        if (query.In.Count + query.Range.Count > MaxFilters) throw PortalException.Invalid($"At most {MaxFilters} filters.");
        if (query.Bands.Count > MaxBands) throw PortalException.Invalid($"At most {MaxBands} band edges.");
        Add("@dataset", datasetId);
        Add("@sha", modelSha);
        Add("@from", rowStart);
        Add("@to", rowEnd);
        _where.Append(" WHERE t._row_id >= @from AND t._row_id < @to");
        if (query.RowId is { } rowId) _where.Append(" AND t._row_id = ").Append(Add("@row", rowId));
        foreach (var (name, values) in query.In) AddIn(Column(name), values);
        foreach (var (name, (min, max)) in query.Range) AddRange(Column(name), min, max);
        ColumnFilters = _where.ToString();
        if (query.MinProbability is { } pmin) _where.Append(" AND s.probability >= ").Append(Add("@pmin", pmin));
        if (query.UnscoredOnly) _where.Append(" AND s.row_id IS NULL");
        if (query.MaxProbability is { } pmax) _where.Append(" AND s.probability < ").Append(Add("@pmax", pmax));
        var order = query.SortByProbability ? "s.probability"
            : query.SortBy is { } sort ? "t." + RowTable.ColumnName(Column(sort).Ordinal) : null;
        var direction = query.Descending ? " DESC" : " ASC";
        // Unscored (or empty) values last either way; the row id keeps pages stable.
        var orderBy = order is null ? " ORDER BY t._row_id" : $" ORDER BY ({order} IS NULL), {order}{direction}, t._row_id";
        Add("@limit", (long)query.Limit);
        Add("@offset", query.Offset);
        var from = " FROM " + table.Name + " t LEFT JOIN row_scores s ON s.dataset_id = @dataset AND s.model_sha = @sha AND s.row_id = t._row_id";
        var columns = string.Join(", ", table.Schema.Columns.Select(c => "t." + RowTable.ColumnName(c.Ordinal)));
        Page = "SELECT t._row_id, " + columns + ", s.probability, s.scored_at" + from + _where + orderBy + " LIMIT @limit OFFSET @offset";
        Count = "SELECT COUNT(*)" + from + _where;
        Scored = "SELECT COUNT(*) FROM row_scores WHERE dataset_id = @dataset AND model_sha = @sha AND row_id >= @from AND row_id < @to";
        BandCounts = BandSql(query.Bands, from);
    }

    /// <summary>The column filters alone (no probability): what band counts cover.</summary>
    private string ColumnFilters { get; }

    public string Page { get; }
    public string Count { get; }
    public string Scored { get; }
    public string? BandCounts { get; }
    public IReadOnlyList<(string Name, object Value)> Parameters => _parameters;

    private string? BandSql(IReadOnlyList<double> edges, string from)
    {
        if (edges.Count == 0) return null;
        var names = edges.Select((edge, i) => Add("@band" + i.ToString(CultureInfo.InvariantCulture), edge)).ToList();
        var sql = new StringBuilder("SELECT ");
        for (var i = 0; i <= names.Count; i++)
        {
            if (i > 0) sql.Append(", ");
            sql.Append("COALESCE(SUM(CASE WHEN s.probability IS NOT NULL");
            if (i > 0) sql.Append(" AND s.probability >= ").Append(names[i - 1]);
            if (i < names.Count) sql.Append(" AND s.probability < ").Append(names[i]);
            sql.Append(" THEN 1 ELSE 0 END), 0)");
        }
        return sql.Append(from).Append(ColumnFilters).ToString();
    }

    private DatasetColumn Column(string name) =>
        _table.Schema.Find(name) ?? throw PortalException.Invalid($"The dataset has no column '{Shorten(name)}'.");

    private void AddIn(DatasetColumn column, IReadOnlyList<string> values)
    {
        if (values.Count is 0 or > MaxValuesPerFilter)
            throw PortalException.Invalid($"A filter on {column.Name} takes 1 to {MaxValuesPerFilter} values.");
        var names = values.Select((v, i) => Add($"@in{column.Ordinal}_{i}", Typed(column, v)));
        _where.Append(" AND t.").Append(RowTable.ColumnName(column.Ordinal)).Append(" IN (").Append(string.Join(", ", names)).Append(')');
    }

    private void AddRange(DatasetColumn column, double? min, double? max)
    {
        if (column.Type is not (ColumnType.Integer or ColumnType.Real)) throw PortalException.Invalid($"{column.Name} is not a number: it takes no range.");
        var name = "t." + RowTable.ColumnName(column.Ordinal);
        if (min is { } low) _where.Append(" AND ").Append(name).Append(" >= ").Append(Add($"@min{column.Ordinal}", low));
        if (max is { } high) _where.Append(" AND ").Append(name).Append(" <= ").Append(Add($"@max{column.Ordinal}", high));
    }

    /// <summary>A filter value as the column stores it; a number column refuses text that is not a number.</summary>
    private static object Typed(DatasetColumn column, string value) => column.Type switch
    {
        ColumnType.Integer when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        ColumnType.Real when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        ColumnType.Integer or ColumnType.Real => throw PortalException.Invalid($"{column.Name} is a number; '{Shorten(value)}' is not."),
        _ => value,
    };

    private string Add(string name, object value)
    {
        _parameters.Add((name, value));
        return name;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
